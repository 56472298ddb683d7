import type { LoggedModelStore, RegistryStore, TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

interface Stores {
  tracking: TrackingStore;
  loggedModels: LoggedModelStore;
  registry: RegistryStore;
}

/** Create, read, finalize, tags, params, delete; metrics, inputs and outputs that name a model. */
export function loggedModelTests(stores: () => Stores): void {
  const setup = async () => {
    const experimentId = await stores().tracking.createExperiment({ name: uniqueName("lm") });
    const run = await stores().tracking.createRun({ experimentId });
    return { experimentId, runId: run.info.run_id, experiment: await stores().tracking.getExperiment(experimentId) };
  };

  it("creates a PENDING model with MLflow's id and artifact location, and reads it back", async () => {
    const { experimentId, runId, experiment } = await setup();
    const model = await stores().loggedModels.createLoggedModel({
      experimentId,
      name: "clf",
      modelType: "Classifier",
      sourceRunId: runId,
      params: [{ key: "alpha", value: "0.5" }],
      tags: [{ key: "mlflow.source.name", value: "train.py" }],
    });
    expect(model.info.model_id).toMatch(/^m-[0-9a-f]{32}$/);
    expect(model.info.artifact_uri).toBe(`${experiment.artifact_location}/models/${model.info.model_id}/artifacts`);
    expect(model.info).toMatchObject({
      experiment_id: experimentId,
      name: "clf",
      status: "LOGGED_MODEL_PENDING",
      model_type: "Classifier",
      source_run_id: runId,
      tags: [{ key: "mlflow.source.name", value: "train.py" }],
      registrations: [],
    });
    expect(model.info.creation_timestamp_ms).toBe(model.info.last_updated_timestamp_ms);
    expect(model.data).toEqual({ params: [{ key: "alpha", value: "0.5" }], metrics: [] });
    expect(await stores().loggedModels.getLoggedModel(model.info.model_id)).toEqual(model);
    const unnamed = await stores().loggedModels.createLoggedModel({ experimentId });
    expect(unnamed.info.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
  });

  it("refuses unknown or deleted experiments, bad names and unknown ids, writing nothing", async () => {
    const { experimentId } = await setup();
    await expectError(stores().loggedModels.createLoggedModel({ experimentId: "987654321" }), "RESOURCE_DOES_NOT_EXIST");
    await expectError(
      stores().loggedModels.createLoggedModel({ experimentId, name: "a/b" }),
      "INVALID_PARAMETER_VALUE",
      "Invalid model name",
    );
    await expectError(stores().loggedModels.createLoggedModel({ experimentId, name: "v1.0" }), "INVALID_PARAMETER_VALUE");
    const gone = await stores().tracking.createExperiment({ name: uniqueName("lm-deleted") });
    await stores().tracking.deleteExperiment(gone);
    await expectError(stores().loggedModels.createLoggedModel({ experimentId: gone }), "INVALID_PARAMETER_VALUE", "active");
    expect((await stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId, gone], maxResults: 10 })).items).toEqual([]);
    const unknown = "m-00000000000000000000000000000000";
    await expectError(
      stores().loggedModels.getLoggedModel(unknown),
      "RESOURCE_DOES_NOT_EXIST",
      `Logged model with ID '${unknown}' not found.`,
    );
    await expectError(stores().loggedModels.finalizeLoggedModel(unknown, "LOGGED_MODEL_READY"), "RESOURCE_DOES_NOT_EXIST");
    await expectError(stores().loggedModels.setLoggedModelTags(unknown, [{ key: "k", value: "v" }]), "RESOURCE_DOES_NOT_EXIST");
    await expectError(stores().loggedModels.logLoggedModelParams(unknown, [{ key: "k", value: "v" }]), "RESOURCE_DOES_NOT_EXIST");
    await expectError(stores().loggedModels.deleteLoggedModel(unknown), "RESOURCE_DOES_NOT_EXIST");
  });

  it("finalizes, upserts and deletes tags, keeps params write-once, and soft-deletes", async () => {
    const { experimentId } = await setup();
    const created = await stores().loggedModels.createLoggedModel({ experimentId, name: "m" });
    const id = created.info.model_id;
    const ready = await stores().loggedModels.finalizeLoggedModel(id, "LOGGED_MODEL_READY");
    expect(ready.info.status).toBe("LOGGED_MODEL_READY");
    expect(ready.info.last_updated_timestamp_ms).toBeGreaterThanOrEqual(created.info.last_updated_timestamp_ms);
    await stores().loggedModels.setLoggedModelTags(id, [
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ]);
    await stores().loggedModels.setLoggedModelTags(id, [{ key: "a", value: "3" }]);
    await stores().loggedModels.deleteLoggedModelTag(id, "b");
    await expectError(stores().loggedModels.deleteLoggedModelTag(id, "b"), "RESOURCE_DOES_NOT_EXIST");
    await stores().loggedModels.logLoggedModelParams(id, [{ key: "lr", value: "0.1" }]);
    await stores().loggedModels.logLoggedModelParams(id, [{ key: "lr", value: "0.1" }]);
    await expectError(
      stores().loggedModels.logLoggedModelParams(id, [{ key: "lr", value: "0.2" }]),
      "INVALID_PARAMETER_VALUE",
      "Changing param",
    );
    const read = await stores().loggedModels.getLoggedModel(id);
    expect(read.info.tags).toEqual([{ key: "a", value: "3" }]);
    expect(read.data.params).toEqual([{ key: "lr", value: "0.1" }]);
    await stores().loggedModels.deleteLoggedModel(id);
    await expectError(stores().loggedModels.getLoggedModel(id), "RESOURCE_DOES_NOT_EXIST");
    expect((await stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 10 })).items).toEqual([]);
  });

  it("stores metrics logged with a model on the run and on the model, idempotently", async () => {
    const { experimentId, runId } = await setup();
    const a = (await stores().loggedModels.createLoggedModel({ experimentId, sourceRunId: runId })).info.model_id;
    const b = (await stores().loggedModels.createLoggedModel({ experimentId, sourceRunId: runId })).info.model_id;
    const point = { key: "acc", value: 0.9, timestamp: 100, step: 1, model_id: a, dataset_name: "eval", dataset_digest: "d1" };
    await stores().tracking.logBatch(runId, { metrics: [point, { key: "loss", value: 0.3, timestamp: 100, step: 1, model_id: a }] });
    // A client retry, and the same point for a second model.
    await stores().tracking.logBatch(runId, { metrics: [point] });
    await stores().tracking.logBatch(runId, { metrics: [{ ...point, model_id: b }] });
    const history = await stores().tracking.getMetricHistory(runId, "acc", {});
    expect(history.items).toEqual([
      { key: "acc", value: 0.9, timestamp: 100, step: 1, model_id: a, dataset_name: "eval", dataset_digest: "d1" },
    ]);
    const run = await stores().tracking.getRun(runId);
    expect(run.data.metrics.find((metric) => metric.key === "acc")).toMatchObject({ model_id: a, dataset_name: "eval" });
    const modelA = await stores().loggedModels.getLoggedModel(a);
    expect(modelA.data.metrics).toEqual([
      { key: "acc", value: 0.9, timestamp: 100, step: 1, run_id: runId, model_id: a, dataset_name: "eval", dataset_digest: "d1" },
      { key: "loss", value: 0.3, timestamp: 100, step: 1, run_id: runId, model_id: a },
    ]);
    expect((await stores().loggedModels.getLoggedModel(b)).data.metrics).toHaveLength(1);
  });

  it("refuses a batch naming an unknown model without writing any of it", async () => {
    const { runId } = await setup();
    const unknown = "m-11111111111111111111111111111111";
    await expectError(
      stores().tracking.logBatch(runId, {
        params: [{ key: "p", value: "1" }],
        metrics: [
          { key: "ok", value: 1, timestamp: 1, step: 0 },
          { key: "bad", value: 1, timestamp: 1, step: 0, model_id: unknown },
        ],
      }),
      "RESOURCE_DOES_NOT_EXIST",
      unknown,
    );
    const run = await stores().tracking.getRun(runId);
    expect(run.data.params).toEqual([]);
    expect(run.data.metrics).toEqual([]);
  });

  it("records model inputs and outputs and returns them on the run", async () => {
    const { experimentId, runId } = await setup();
    const used = (await stores().loggedModels.createLoggedModel({ experimentId })).info.model_id;
    const made = (await stores().loggedModels.createLoggedModel({ experimentId, sourceRunId: runId })).info.model_id;
    await stores().tracking.logInputs(runId, [], [{ model_id: used }]);
    await stores().tracking.logInputs(runId, [], [{ model_id: used }]);
    await stores().loggedModels.logOutputs(runId, [{ model_id: made, step: 3 }]);
    await stores().loggedModels.logOutputs(runId, [{ model_id: made, step: 3 }]);
    const run = await stores().tracking.getRun(runId);
    expect(run.inputs.model_inputs).toEqual([{ model_id: used }]);
    expect(run.outputs).toEqual({ model_outputs: [{ model_id: made, step: 3 }] });
    const [searched] = (await stores().tracking.searchRuns({ experimentIds: [experimentId], runViewType: "ACTIVE_ONLY", maxResults: 10 }))
      .items;
    expect(searched?.outputs).toEqual(run.outputs);
    const unknown = "m-22222222222222222222222222222222";
    await expectError(stores().tracking.logInputs(runId, [], [{ model_id: unknown }]), "RESOURCE_DOES_NOT_EXIST");
    await expectError(stores().loggedModels.logOutputs(runId, [{ model_id: unknown, step: 0 }]), "RESOURCE_DOES_NOT_EXIST");
    const other = await stores().tracking.createRun({ experimentId });
    expect((await stores().tracking.getRun(other.info.run_id)).outputs).toBeUndefined();
  });
}
