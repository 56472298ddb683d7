import { CairnRestClient, RestLoggedModelStore, RestRegistryStore, RestTrackingStore, RestWebhookStore } from "@cairn/client";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import { api } from "@cairn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RecordingProxy, startRecordingProxy } from "./recording-proxy.js";

// What the SDK's stores put on the wire, seen through a recording proxy in front of a real server.
let server: TestServer;
let proxy: RecordingProxy;
let tracking: RestTrackingStore;
let registry: RestRegistryStore;
let loggedModels: RestLoggedModelStore;
let webhooks: RestWebhookStore;
beforeAll(async () => {
  server = await startTestServer();
  proxy = await startRecordingProxy(server.url);
  const client = new CairnRestClient({ baseUrl: proxy.url });
  tracking = new RestTrackingStore(client);
  registry = new RestRegistryStore(client);
  loggedModels = new RestLoggedModelStore(client);
  webhooks = new RestWebhookStore(client);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

/** The requests made while `action` ran. */
async function recorded(action: () => Promise<unknown>) {
  const from = proxy.requests.length;
  await action();
  return proxy.requests.slice(from);
}

const OPERATIONS = api.ALL_OPERATIONS;

/** The operation of core's table a request went to, matching `:param` segments. */
function operationOf(method: string, url: string) {
  const path = url.split("?")[0] ?? "";
  return OPERATIONS.find((operation) => {
    const pattern = new RegExp(`^/api/2\\.0${operation.path.replace(/:[a-z_]+/g, "[^/]+")}$`);
    return pattern.test(path) && operation.methods.includes(method as api.HttpMethod);
  });
}

describe("the SDK's REST stores on the wire", () => {
  it("use the first method of each operation in core's table, as the Python client does", async () => {
    const experimentId = await tracking.createExperiment({ name: "wire-methods" });
    await tracking.searchExperiments({ viewType: "ACTIVE_ONLY", maxResults: 10 });
    const run = await tracking.createRun({ experimentId });
    await tracking.getRun(run.info.run_id);
    await registry.createRegisteredModel({ name: "wire-methods" });
    await registry.getLatestVersions("wire-methods");
    await registry.searchRegisteredModels({ maxResults: 10 });
    await registry.deleteRegisteredModel("wire-methods");
    const model = await loggedModels.createLoggedModel({ experimentId });
    await loggedModels.finalizeLoggedModel(model.info.model_id, "LOGGED_MODEL_READY");
    await loggedModels.setLoggedModelTags(model.info.model_id, [{ key: "k", value: "v" }]);
    await loggedModels.deleteLoggedModelTag(model.info.model_id, "k");
    const hook = await webhooks.createWebhook({
      name: "wire",
      url: "https://1.1.1.1/hook",
      events: [{ entity: "PROMPT_ALIAS", action: "CREATED" }],
      status: "DISABLED",
    });
    await webhooks.listDeliveryAttempts(hook.webhook_id, { maxResults: 10 });
    await webhooks.deleteWebhook(hook.webhook_id);

    expect(proxy.requests.length).toBeGreaterThan(10);
    for (const request of proxy.requests) {
      const operation = operationOf(request.method, request.url);
      expect(operation, `${request.method} ${request.url}`).toBeDefined();
      expect(request.method, operation?.name).toBe(operation?.methods[0]);
    }
  });

  it("spell NaN and infinities as MLflow's strings in bodies, and read them back as numbers", async () => {
    const run = await tracking.createRun({ experimentId: "0" });
    const metrics = [
      { key: "x", value: Number.NaN, timestamp: 1, step: 0 },
      { key: "x", value: Number.POSITIVE_INFINITY, timestamp: 2, step: 1 },
      { key: "x", value: Number.NEGATIVE_INFINITY, timestamp: 3, step: 2 },
    ];
    const [sent] = await recorded(() => tracking.logBatch(run.info.run_id, { metrics, params: [], tags: [] }));
    expect(sent?.body).toContain('"value":"NaN"');
    expect(sent?.body).toContain('"value":"Infinity"');
    expect(sent?.body).toContain('"value":"-Infinity"');
    const history = await tracking.getMetricHistory(run.info.run_id, "x", {});
    expect(history.items.map((metric) => metric.value)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it("repeat query keys for lists on GET", async () => {
    const first = await tracking.createRun({ experimentId: "0" });
    const second = await tracking.createRun({ experimentId: "0" });
    const ids = [first.info.run_id, second.info.run_id];
    const [sent] = await recorded(() => tracking.getMetricHistoryBulkInterval({ runIds: ids, metricKey: "loss", maxResults: 10 }));
    expect(sent?.method).toBe("GET");
    expect(new URLSearchParams(sent?.url.split("?")[1]).getAll("run_ids")).toEqual(ids);
  });

  it("send model inputs and a version's model_id, and return empty lists the wire omits", async () => {
    const run = await tracking.createRun({ experimentId: "0" });
    const model = await loggedModels.createLoggedModel({ experimentId: "0", sourceRunId: run.info.run_id });
    expect(model.info.tags).toEqual([]);
    expect(model.info.registrations).toEqual([]);
    expect(model.data).toEqual({ params: [], metrics: [] });
    await tracking.logInputs(run.info.run_id, [], [{ model_id: model.info.model_id }]);
    expect((await tracking.getRun(run.info.run_id)).inputs.model_inputs).toEqual([{ model_id: model.info.model_id }]);
    await registry.createRegisteredModel({ name: "wire-model-id" });
    const version = await registry.createModelVersion({
      name: "wire-model-id",
      source: `models:/${model.info.model_id}`,
      modelId: model.info.model_id,
    });
    expect(version.model_id).toBe(model.info.model_id);
    expect(version.tags).toEqual([]);
    expect(version.aliases).toEqual([]);
  });

  it("answer NOT_IMPLEMENTED for what only the server itself may do with webhooks", async () => {
    await expect(webhooks.getWebhookTarget()).rejects.toMatchObject({ code: "NOT_IMPLEMENTED" });
    await expect(webhooks.listWebhookTargets()).rejects.toMatchObject({ code: "NOT_IMPLEMENTED" });
    await expect(webhooks.recordDeliveryAttempt()).rejects.toMatchObject({ code: "NOT_IMPLEMENTED" });
  });
});
