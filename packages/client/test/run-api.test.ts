import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Cairn, createCairn, LOCAL_RUN_ID_TAG } from "@cairn/client";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: TestServer;
let cairn: Cairn;
beforeAll(async () => {
  server = await startTestServer();
  cairn = await server.createCairn({ experiment: "run-api" });
});
afterAll(async () => server.close());

const tagOf = (tags: { key: string; value: string }[], key: string) => tags.find((tag) => tag.key === key)?.value;

describe("run API over REST", () => {
  it("starts a run in an experiment created on demand, with name, tags, params and provenance", async () => {
    const run = await cairn.startRun({
      experiment: "run-api-new",
      name: "first",
      tags: { team: "ml" },
      params: { lr: 0.01, layers: [64, 32] },
    });
    expect(run.id).toMatch(/^[0-9a-f]{32}$/);
    await run.end();
    const { run: stored } = await server.client.getRun({ run_id: run.id });
    expect(stored.info.run_name).toBe("first");
    expect(stored.info.status).toBe("FINISHED");
    expect(stored.info.end_time).toBeGreaterThan(0);
    const experiment = await server.client.getExperimentByName({ experiment_name: "run-api-new" });
    expect(stored.info.experiment_id).toBe(experiment.experiment.experiment_id);
    expect(stored.data.params).toEqual(
      expect.arrayContaining([
        { key: "lr", value: "0.01" },
        { key: "layers", value: "[64,32]" },
      ]),
    );
    const tags = stored.data.tags;
    expect(tagOf(tags, "team")).toBe("ml");
    expect(tagOf(tags, "mlflow.source.type")).toBe("LOCAL");
    expect(tagOf(tags, "mlflow.user")).toBeTruthy();
    expect(tagOf(tags, "mlflow.source.name")).toBeTruthy();
    expect(tagOf(tags, LOCAL_RUN_ID_TAG)).toBe(run.localId);
  });

  it("logs metrics in batches within MLflow's limits and flush() delivers them all", async () => {
    const run = await cairn.startRun({ name: "many" });
    for (let step = 0; step < 1200; step += 1) run.logMetrics({ loss: 1 / (step + 1), acc: step / 1200 }, { step });
    const params: Record<string, number> = {};
    for (let index = 0; index < 150; index += 1) params[`p${index}`] = index;
    run.logParams(params);
    run.setTags({ stage: "train" });
    run.setTag("stage", "eval");
    await run.flush();
    const loss = await server.client.getMetricHistory({ run_id: run.id, metric_key: "loss" });
    expect(loss.metrics).toHaveLength(1200);
    expect(new Set(loss.metrics.map((metric) => metric.step)).size).toBe(1200);
    const { run: stored } = await server.client.getRun({ run_id: run.id });
    expect(stored.data.params).toHaveLength(150);
    expect(tagOf(stored.data.tags, "stage")).toBe("eval");
    await run.end();
  });

  it("nests runs under a parent with mlflow.parentRunId", async () => {
    const parent = await cairn.startRun({ name: "pipeline" });
    const childId = await parent.withRun({ name: "step-1" }, async (child) => {
      child.logMetric("rows", 10);
      return child.id;
    });
    await parent.end();
    const { run: child } = await server.client.getRun({ run_id: childId });
    expect(tagOf(child.data.tags, "mlflow.parentRunId")).toBe(parent.id);
    expect(child.info.status).toBe("FINISHED");
    expect(child.info.experiment_id).toBe((await server.client.getRun({ run_id: parent.id })).run.info.experiment_id);
  });

  it("withRun ends FINISHED, or FAILED and rethrows when the body throws", async () => {
    let okId = "";
    await cairn.withRun({ name: "ok" }, async (run) => {
      okId = run.id;
    });
    let failedId = "";
    await expect(
      cairn.withRun({ name: "boom" }, async (run) => {
        failedId = run.id;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await server.client.getRun({ run_id: okId })).run.info.status).toBe("FINISHED");
    expect((await server.client.getRun({ run_id: failedId })).run.info.status).toBe("FAILED");
  });

  it("uploads artifacts from paths, bytes and folders", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-artifacts-src-"));
    fs.writeFileSync(path.join(dir, "a.txt"), "A");
    fs.mkdirSync(path.join(dir, "sub"));
    fs.writeFileSync(path.join(dir, "sub", "b.txt"), "B");
    const run = await cairn.startRun({ name: "artifacts" });
    await run.logArtifact(path.join(dir, "a.txt"), "plots");
    await run.logArtifact(new TextEncoder().encode("hello"), { name: "notes.txt" });
    await run.logArtifacts(dir, "tree");
    await run.end();
    const root = await server.client.listArtifacts({ run_id: run.id });
    expect(root.files.map((file) => file.path).sort()).toEqual(["notes.txt", "plots", "tree"]);
    const tree = await server.client.listArtifacts({ run_id: run.id, path: "tree/sub" });
    expect(tree.files).toEqual([{ path: "tree/sub/b.txt", is_dir: false, file_size: 1 }]);
    expect(new TextDecoder().decode(await server.client.getArtifact({ run_id: run.id, path: "plots/a.txt" }))).toBe("A");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports entries the server refuses and keeps going", async () => {
    const errors: string[] = [];
    const strict = await server.createCairn({ onError: (error) => errors.push(error.message) });
    const run = await strict.startRun({ params: { lr: 1 } });
    run.logParams({ lr: 2 });
    run.logMetric("after", 1);
    await run.end();
    expect(errors.join("\n")).toContain("Changing param values is not allowed");
    expect((await server.client.getMetricHistory({ run_id: run.id, metric_key: "after" })).metrics).toHaveLength(1);
  });

  it("refuses a run in a deleted experiment with the server's error", async () => {
    const { experiment_id } = await server.client.createExperiment({ name: "run-api-deleted" });
    await server.client.deleteExperiment({ experiment_id });
    await expect(cairn.startRun({ experimentId: experiment_id })).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
  });

  it("applies backpressure: past the bound, logging calls wait for room", async () => {
    const bounded = await server.createCairn({ maxQueueItems: 100, flushIntervalMs: 10_000, batchSize: 100_000 });
    const run = await bounded.startRun({});
    let pending = 0;
    const waits: Promise<void>[] = [];
    for (let step = 0; step < 300; step += 1) {
      const ready = run.logMetric("x", step, { step });
      let settled = false;
      void ready.then(() => {
        settled = true;
      });
      await Promise.resolve();
      if (!settled) pending += 1;
      waits.push(ready);
    }
    expect(pending).toBeGreaterThan(0);
    await bounded.flush();
    await Promise.all(waits);
    expect((await server.client.getMetricHistory({ run_id: run.id, metric_key: "x" })).metrics).toHaveLength(300);
  });
});

describe("run API in-process", () => {
  it("logs to ./mlruns-style SQLite with no server, artifacts included", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-sdk-mlruns-"));
    const local = await createCairn({ trackingUri: dir, exitHooks: false });
    expect(local.backend.kind).toBe("local");
    const run = await local.startRun({ experiment: "offline-first", params: { lr: 0.1 } });
    for (let step = 0; step < 50; step += 1) run.logMetrics({ loss: 1 / (step + 1) }, { step });
    await run.logArtifact(new TextEncoder().encode("x"), { name: "x.txt" });
    await run.end();
    const history = await local.tracking.getMetricHistory(run.id, "loss", {});
    expect(history.items).toHaveLength(50);
    const stored = await local.tracking.getRun(run.id);
    expect(stored.info.status).toBe("FINISHED");
    expect(stored.info.artifact_uri.startsWith("file://")).toBe(true);
    expect(fs.existsSync(path.join(dir, "cairn.db"))).toBe(true);
    expect(new TextDecoder().decode(await local.backend.artifacts.download(stored.info.artifact_uri, "x.txt"))).toBe("x");
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
