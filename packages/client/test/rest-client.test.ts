import http from "node:http";
import type { AddressInfo } from "node:net";
import { CairnRestClient, TransientError } from "@cairn/client";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import { api, CairnError } from "@cairn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("CairnRestClient", () => {
  it("has one method per operation of core's wire contract", () => {
    const names = api.ALL_OPERATIONS.map((operation) => operation.name);
    const client = server.client as unknown as Record<string, unknown>;
    for (const name of names) expect(typeof client[name], name).toBe("function");
  });

  it("fills path parameters, encoded, for logged models and webhooks", async () => {
    const { client } = server;
    const { experiment_id } = await client.createExperiment({ name: "rest-client-paths" });
    const { model } = await client.createLoggedModel({ experiment_id, name: "clf" });
    const modelId = model.info.model_id;
    await client.setLoggedModelTags({ model_id: modelId, tags: [{ key: "team/owner", value: "ml" }] });
    expect((await client.getLoggedModel({ model_id: modelId })).model.info.tags).toContainEqual({ key: "team/owner", value: "ml" });
    await client.deleteLoggedModelTag({ model_id: modelId, tag_key: "team/owner" });
    expect((await client.getLoggedModel({ model_id: modelId })).model.info.tags ?? []).toEqual([]);
    const ready = await client.finalizeLoggedModel({ model_id: modelId, status: "LOGGED_MODEL_READY" });
    expect(ready.model.info.status).toBe("LOGGED_MODEL_READY");
    // Disabled, on an event this file never causes, and deleted at once: it never sends anything.
    const { webhook } = await client.createWebhook({
      name: "hook",
      url: "https://1.1.1.1/hook",
      events: [{ entity: "PROMPT_ALIAS", action: "CREATED" }],
      status: "DISABLED",
    });
    expect((await client.getWebhook({ webhook_id: webhook.webhook_id })).webhook.name).toBe("hook");
    await client.deleteWebhook({ webhook_id: webhook.webhook_id });
    await expect(client.getWebhook({ webhook_id: webhook.webhook_id })).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("round-trips runs, metrics (NaN included) and registry calls", async () => {
    const { client } = server;
    const { experiment_id } = await client.createExperiment({ name: "rest-client", tags: [{ key: "team", value: "ml" }] });
    const { run } = await client.createRun({ experiment_id, run_name: "r1" });
    const runId = run.info.run_id;
    await client.logBatch({
      run_id: runId,
      metrics: [
        { key: "loss", value: 0.5, timestamp: 1, step: 0 },
        { key: "loss", value: Number.NaN, timestamp: 2, step: 1 },
      ],
      params: [{ key: "lr", value: "0.01" }],
    });
    const history = await client.getMetricHistory({ run_id: runId, metric_key: "loss" });
    expect(history.metrics.map((metric) => metric.value)).toEqual([0.5, Number.NaN]);
    const got = await client.getRun({ run_id: runId });
    expect(got.run.data.params).toEqual([{ key: "lr", value: "0.01" }]);
    expect(got.run.data.tags.find((tag) => tag.key === "mlflow.runName")?.value).toBe("r1");
    const bulk = await client.getMetricHistoryBulkInterval({ run_ids: [runId], metric_key: "loss", max_results: 10 });
    expect(bulk.metrics).toHaveLength(2);

    await client.createRegisteredModel({ name: "rest-client-model" });
    const { model_version } = await client.createModelVersion({ name: "rest-client-model", source: `runs:/${runId}/model`, run_id: runId });
    await client.setRegisteredModelAlias({ name: "rest-client-model", alias: "champion", version: model_version.version });
    const byAlias = await client.getModelVersionByAlias({ name: "rest-client-model", alias: "champion" });
    expect(byAlias.model_version.version).toBe("1");
    expect(byAlias.model_version.aliases).toEqual(["champion"]);
    await client.deleteRegisteredModelAlias({ name: "rest-client-model", alias: "champion" });
    expect((await client.getRegisteredModel({ name: "rest-client-model" })).registered_model.aliases).toEqual([]);
  });

  it("uploads, lists and downloads artifacts through the proxy", async () => {
    const { client } = server;
    const { run } = await client.createRun({ experiment_id: "0" });
    const base = run.info.artifact_uri.replace("mlflow-artifacts:/", "");
    await client.uploadProxiedArtifact(`${base}/dir/hello.txt`, new TextEncoder().encode("hello"));
    const listed = await client.listArtifacts({ run_id: run.info.run_id, path: "dir" });
    expect(listed.files).toEqual([{ path: "dir/hello.txt", is_dir: false, file_size: 5 }]);
    expect(new TextDecoder().decode(await client.downloadProxiedArtifact(`${base}/dir/hello.txt`))).toBe("hello");
    expect(new TextDecoder().decode(await client.getArtifact({ run_id: run.info.run_id, path: "dir/hello.txt" }))).toBe("hello");
  });

  it("rebuilds server errors as CairnError with MLflow's code", async () => {
    const { client } = server;
    await expect(client.getRun({ run_id: "0123456789abcdef0123456789abcdef" })).rejects.toMatchObject({
      name: "CairnError",
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "Run with id=0123456789abcdef0123456789abcdef not found",
    });
    await client.createExperiment({ name: "dup" });
    const error = await client.createExperiment({ name: "dup" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CairnError);
    expect((error as CairnError).code).toBe("RESOURCE_ALREADY_EXISTS");
    expect((error as CairnError).httpStatus).toBe(400);
  });

  it("retries 503 answers with backoff, then succeeds", async () => {
    let calls = 0;
    const flaky = http.createServer((_request, response) => {
      calls += 1;
      if (calls < 3) {
        response.writeHead(503, { "content-type": "text/plain" }).end("busy");
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end('{"experiment_id":"7"}');
    });
    await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
    const { port } = flaky.address() as AddressInfo;
    const client = new CairnRestClient({ baseUrl: `http://127.0.0.1:${port}`, retry: { initialDelayMs: 5, maxRetries: 3 } });
    expect(await client.createExperiment({ name: "x" })).toEqual({ experiment_id: "7" });
    expect(calls).toBe(3);
    calls = -10;
    const impatient = new CairnRestClient({ baseUrl: `http://127.0.0.1:${port}`, retry: { initialDelayMs: 5, maxRetries: 1 } });
    await expect(impatient.createExperiment({ name: "x" })).rejects.toMatchObject({ code: "TEMPORARILY_UNAVAILABLE" });
    await new Promise((resolve) => flaky.close(resolve));
  });

  it("gives a TransientError when nothing listens", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const client = new CairnRestClient({ baseUrl: `http://127.0.0.1:${port}`, retry: { initialDelayMs: 5, maxRetries: 2 } });
    await expect(client.getExperiment({ experiment_id: "0" })).rejects.toBeInstanceOf(TransientError);
  });
});
