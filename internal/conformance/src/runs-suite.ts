import type { TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

/** Runs: create, update, delete and restore, tags, and the writes a deleted run refuses. */
export function runTests(store: () => TrackingStore): void {
  const newExperiment = () => store().createExperiment({ name: uniqueName("runs") });

  it("creates a RUNNING run with MLflow's defaults", async () => {
    const experimentId = await newExperiment();
    const run = await store().createRun({ experimentId, userId: "ada", startTime: 1_700_000_000_000, tags: [{ key: "k", value: "v" }] });
    expect(run.info).toMatchObject({
      experiment_id: experimentId,
      user_id: "ada",
      status: "RUNNING",
      start_time: 1_700_000_000_000,
      lifecycle_stage: "active",
    });
    expect(run.info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info.run_uuid).toBe(run.info.run_id);
    expect(run.info.end_time).toBeUndefined();
    expect(run.info.artifact_uri.endsWith(`/${experimentId}/${run.info.run_id}/artifacts`)).toBe(true);
    expect(run.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(run.data.tags).toContainEqual({ key: "mlflow.runName", value: run.info.run_name });
    expect(run.data.tags).toContainEqual({ key: "k", value: "v" });
    expect(run.data.metrics).toEqual([]);
    expect(run.data.params).toEqual([]);
  });

  it("takes the run name from the argument or the mlflow.runName tag, and refuses a conflict", async () => {
    const experimentId = await newExperiment();
    expect((await store().createRun({ experimentId, runName: "named" })).info.run_name).toBe("named");
    expect((await store().createRun({ experimentId, tags: [{ key: "mlflow.runName", value: "tagged" }] })).info.run_name).toBe("tagged");
    await expectError(
      store().createRun({ experimentId, runName: "a", tags: [{ key: "mlflow.runName", value: "b" }] }),
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("updates status, end time and name", async () => {
    const run = await store().createRun({ experimentId: await newExperiment(), runName: "before" });
    const info = await store().updateRun(run.info.run_id, { status: "FINISHED", endTime: 1_700_000_100_000, runName: "after" });
    expect(info).toMatchObject({ status: "FINISHED", end_time: 1_700_000_100_000, run_name: "after" });
    const fetched = await store().getRun(run.info.run_id);
    expect(fetched.info.run_name).toBe("after");
    expect(fetched.data.tags).toContainEqual({ key: "mlflow.runName", value: "after" });
    const renamedOnly = await store().updateRun(run.info.run_id, { runName: "again" });
    expect(renamedOnly.status).toBe("FINISHED");
  });

  it("gives 404 for an unknown run", async () => {
    await expectError(
      store().getRun("0123456789abcdef0123456789abcdef"),
      "RESOURCE_DOES_NOT_EXIST",
      "Run with id=0123456789abcdef0123456789abcdef not found",
    );
    await expectError(
      store().logBatch("0123456789abcdef0123456789abcdef", { params: [{ key: "a", value: "b" }] }),
      "RESOURCE_DOES_NOT_EXIST",
    );
  });

  it("soft-deletes and restores a run; a deleted run refuses writes", async () => {
    const run = await store().createRun({ experimentId: await newExperiment() });
    const id = run.info.run_id;
    await store().deleteRun(id);
    expect((await store().getRun(id)).info.lifecycle_stage).toBe("deleted");
    await expectError(
      store().logBatch(id, { metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }] }),
      "INVALID_PARAMETER_VALUE",
      "must be in the 'active' state",
    );
    await expectError(store().updateRun(id, { status: "FAILED" }), "INVALID_PARAMETER_VALUE");
    expect((await store().getRun(id)).data.metrics).toEqual([]);
    await store().restoreRun(id);
    await store().logBatch(id, { metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }] });
    expect((await store().getRun(id)).data.metrics).toHaveLength(1);
  });

  it("overwrites tags and deletes them", async () => {
    const run = await store().createRun({ experimentId: await newExperiment() });
    const id = run.info.run_id;
    await store().logBatch(id, { tags: [{ key: "t", value: "1" }] });
    await store().logBatch(id, { tags: [{ key: "t", value: "2" }] });
    expect((await store().getRun(id)).data.tags).toContainEqual({ key: "t", value: "2" });
    await store().deleteTag(id, "t");
    expect((await store().getRun(id)).data.tags.find((tag) => tag.key === "t")).toBeUndefined();
    await expectError(store().deleteTag(id, "t"), "RESOURCE_DOES_NOT_EXIST");
  });

  it("records dataset inputs once per (name, digest)", async () => {
    const run = await store().createRun({ experimentId: await newExperiment() });
    const input = {
      dataset: { name: "iris", digest: "abc123", source_type: "local", source: '{"uri":"/data/iris.csv"}', schema: "{}" },
      tags: [{ key: "mlflow.data.context", value: "train" }],
    };
    await store().logInputs(run.info.run_id, [input]);
    await store().logInputs(run.info.run_id, [input]);
    const inputs = (await store().getRun(run.info.run_id)).inputs.dataset_inputs;
    expect(inputs).toEqual([input]);
  });

  it("keeps the logged-model history a valid JSON list within the tag limit", async () => {
    const run = await store().createRun({ experimentId: await newExperiment() });
    const id = run.info.run_id;
    const model = (n: number, size = 10) => ({
      artifact_path: `model-${n}`,
      flavors: { python_function: { padding: "x".repeat(size) } },
      utc_time_created: "2026-11-23 00:00:00.000000",
      run_id: id,
    });
    const history = async () =>
      JSON.parse((await store().getRun(id)).data.tags.find((tag) => tag.key === "mlflow.log-model.history")?.value ?? "null") as Array<{
        artifact_path: string;
      }>;
    await store().recordLoggedModel(id, model(1));
    await store().recordLoggedModel(id, model(2));
    expect((await history()).map((entry) => entry.artifact_path)).toEqual(["model-1", "model-2"]);
    for (let n = 3; n <= 6; n++) await store().recordLoggedModel(id, model(n, 2500));
    const kept = (await history()).map((entry) => entry.artifact_path);
    expect(kept.at(-1)).toBe("model-6");
    expect(kept.length).toBeLessThan(6);
    await store().logBatch(id, { tags: [{ key: "mlflow.log-model.history", value: "not json" }] });
    await store().recordLoggedModel(id, model(7));
    expect((await history()).map((entry) => entry.artifact_path)).toEqual(["model-7"]);
    await expectError(store().recordLoggedModel(id, { artifact_path: "m" }), "INVALID_PARAMETER_VALUE");
  });

  it("summarises the datasets of experiments, once each, in one answer", async () => {
    const experimentId = await newExperiment();
    const first = await store().createRun({ experimentId });
    const second = await store().createRun({ experimentId });
    const dataset = (name: string) => ({ name, digest: "d1", source_type: "local", source: "{}" });
    await store().logInputs(first.info.run_id, [{ dataset: dataset("train-set"), tags: [{ key: "mlflow.data.context", value: "train" }] }]);
    await store().logInputs(second.info.run_id, [
      { dataset: dataset("train-set"), tags: [{ key: "mlflow.data.context", value: "train" }] },
      { dataset: dataset("holdout"), tags: [] },
    ]);
    const summaries = await store().searchDatasets([experimentId, experimentId, "999999"]);
    expect(summaries).toEqual([
      { experiment_id: experimentId, name: "holdout", digest: "d1" },
      { experiment_id: experimentId, name: "train-set", digest: "d1", context: "train" },
    ]);
  });
}
