import MLflow from "mlflow";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "./test-server.js";

/**
 * The third-party npm `mlflow` client (2.0.7) used as a real client: it builds its own URLs,
 * query strings and bodies, and calls the legacy experiments/list. It logs every request body
 * to the console, which the test silences.
 */
describe("npm mlflow client 2.0.7", () => {
  let server: TestServer;
  let client: InstanceType<typeof MLflow>;

  beforeAll(async () => {
    server = await startTestServer();
    client = new MLflow({ endpoint: server.url });
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it("manages experiments", async () => {
    const { experiment_id } = await client.Experiments.create({ name: "npm-client", artifact_location: "" });
    expect(experiment_id).toMatch(/^\d+$/);
    // The client's setExperimentTag builds "/experimentsset-experiment-tag" (a bug of 2.0.7), so it is not exercised.
    const { experiment } = await client.Experiments.get({ experiment_id });
    expect(experiment.name).toBe("npm-client");
    await client.Experiments.update({ experiment_id, new_name: "npm-client-renamed" });
    const { experiments } = await client.Experiments.list();
    expect(experiments.map((e) => e.name)).toEqual(expect.arrayContaining(["Default", "npm-client-renamed"]));
    await client.Experiments.delete({ experiment_id });
    await client.Experiments.restore({ experiment_id });
  });

  it("creates runs, logs params, metrics, tags and batches, searches and reads history", async () => {
    const { experiment_id } = await client.Experiments.create({ name: "npm-runs", artifact_location: "" });
    const { run } = await client.Runs.create({
      experiment_id,
      user_id: "node",
      start_time: Date.now(),
      tags: [{ key: "source", value: "npm" }],
    });
    const run_id = run.info.run_id;
    await client.Runs.logParameter({ run_id, key: "lr", value: "0.01" });
    await client.Runs.logMetric({ run_id, key: "loss", value: 0.9, timestamp: Date.now(), step: 0 });
    await client.Runs.setTag({ run_id, key: "stage", value: "train" });
    await client.Runs.logBatch({
      run_id,
      metrics: [
        { key: "loss", value: 0.5, timestamp: Date.now(), step: 1 },
        { key: "acc", value: 0.8, timestamp: Date.now(), step: 1 },
      ],
      params: [{ key: "epochs", value: "3" }],
      tags: [{ key: "note", value: "batch" }],
    });
    await client.Runs.deleteTag({ run_id, key: "note" });
    const fetched = (await client.Runs.get({ run_id })).run;
    expect(fetched.data.params).toEqual([
      { key: "epochs", value: "3" },
      { key: "lr", value: "0.01" },
    ]);
    expect(fetched.data.metrics.find((m) => m.key === "loss")?.value).toBe(0.5);
    expect(fetched.data.tags).toEqual(
      expect.arrayContaining([
        { key: "stage", value: "train" },
        { key: "source", value: "npm" },
      ]),
    );
    expect(fetched.data.tags.find((t) => t.key === "note")).toBeUndefined();

    const found = await client.Runs.search({
      experiment_ids: [experiment_id],
      filter: "metrics.acc > 0.5 and params.lr = '0.01'",
      order_by: ["metrics.loss DESC"],
    });
    expect(found.runs.map((r) => r.info.run_id)).toEqual([run_id]);

    const { metrics } = await client.Metrics.getHistory({ run_id, metric_key: "loss" });
    expect(metrics.map((m) => m.value)).toEqual([0.9, 0.5]);

    await client.Runs.update({ run_id, status: "FINISHED", end_time: Date.now() } as never);
    expect((await client.Runs.get({ run_id })).run.info.status).toBe("FINISHED");
    await client.Runs.delete({ run_id });
    await client.Runs.restore({ run_id });
  });

  it("surfaces MLflow errors with their code", async () => {
    await expect(client.Runs.get({ run_id: "0123456789abcdef0123456789abcdef" })).rejects.toThrow(/RESOURCE_DOES_NOT_EXIST/);
  });
});
