import type { LoggedModelStore, PurgeStore, RegistryStore, TrackingStore } from "@cairn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

export interface PurgeStoreSuiteOptions {
  /** Shown in the test names, e.g. "sqlite". */
  name: string;
  /** The faces of one database. Called once per suite. */
  createStores(): Promise<{ tracking: TrackingStore; registry: RegistryStore; loggedModels: LoggedModelStore; purge: PurgeStore }>;
  dispose?(): Promise<void>;
}

/**
 * The hard-delete conformance suite (`PurgeStore`): only deleted rows go, with every row that
 * hangs off them, and a purged experiment's name is free again.
 *
 * @example
 * runPurgeStoreSuite({ name: "sqlite", createStores: () => openStores("sqlite:///x.db", opts) });
 */
export function runPurgeStoreSuite(options: PurgeStoreSuiteOptions): void {
  describe(`purge store conformance: ${options.name}`, () => {
    let stores: Awaited<ReturnType<PurgeStoreSuiteOptions["createStores"]>> | undefined;
    beforeAll(async () => {
      stores = await options.createStores();
    });
    afterAll(async () => {
      await stores?.tracking.close();
      await options.dispose?.();
    });
    const s = () => {
      if (!stores) throw new Error("stores not created");
      return stores;
    };

    async function loggedRun(experimentId: string) {
      const run = await s().tracking.createRun({ experimentId });
      await s().tracking.logBatch(run.info.run_id, {
        metrics: [{ key: "loss", value: 0.5, timestamp: 1, step: 0 }],
        params: [{ key: "lr", value: "0.1" }],
        tags: [{ key: "t", value: "v" }],
      });
      await s().tracking.logInputs(run.info.run_id, [
        {
          dataset: { name: "d", digest: "x", source_type: "local", source: "{}" },
          tags: [{ key: "mlflow.data.context", value: "train" }],
        },
      ]);
      return run.info.run_id;
    }

    it("lists only deleted runs old enough, and hard-deletes one with everything logged to it", async () => {
      const experimentId = await s().tracking.createExperiment({ name: uniqueName("purge") });
      const doomed = await loggedRun(experimentId);
      const live = await loggedRun(experimentId);
      await s().tracking.deleteRun(doomed);
      const listed = await s().purge.listDeletedRuns({ deletedBefore: Date.now() + 1000, experimentIds: [experimentId] });
      expect(listed.map((run) => run.runId)).toEqual([doomed]);
      expect(listed[0]?.artifactUri).toContain(doomed);
      expect(await s().purge.listDeletedRuns({ deletedBefore: Date.now() - 60_000, experimentIds: [experimentId] })).toEqual([]);
      expect(await s().purge.hardDeleteRun(live)).toBe(false);
      expect(await s().purge.hardDeleteRun(doomed)).toBe(true);
      await expectError(s().tracking.getRun(doomed), "RESOURCE_DOES_NOT_EXIST");
      expect(await s().purge.hardDeleteRun(doomed)).toBe(false);
      const kept = await s().tracking.getRun(live);
      expect(kept.data.metrics.map((metric) => metric.key)).toEqual(["loss"]);
      expect(kept.inputs?.dataset_inputs?.length ?? 0).toBe(1);
    });

    it("hard-deletes a deleted experiment once its runs are gone; its name is free again", async () => {
      const name = uniqueName("purge-exp");
      const experimentId = await s().tracking.createExperiment({ name, tags: [{ key: "k", value: "v" }] });
      const run = await loggedRun(experimentId);
      expect(await s().purge.hardDeleteExperiment(experimentId)).toBe(false);
      await s().tracking.deleteExperiment(experimentId);
      const deleted = await s().purge.listDeletedExperiments({ deletedBefore: Date.now() + 1000 });
      expect(deleted.find((exp) => exp.experimentId === experimentId)?.name).toBe(name);
      // Its runs must go first.
      expect(await s().purge.hardDeleteExperiment(experimentId)).toBe(false);
      expect(await s().purge.hardDeleteRun(run)).toBe(true);
      expect(await s().purge.hardDeleteExperiment(experimentId)).toBe(true);
      await expectError(s().tracking.getExperiment(experimentId), "RESOURCE_DOES_NOT_EXIST");
      expect(await s().tracking.getExperimentByName(name)).toBeNull();
      const again = await s().tracking.createExperiment({ name });
      expect(again).not.toBe(experimentId);
      expect(await s().purge.hardDeleteExperiment("not-a-number")).toBe(false);
    });

    it("purges MLflow 3 logged models with their runs and experiment, unless a version is built on one", async () => {
      const withModel = async () => {
        const experimentId = await s().tracking.createExperiment({ name: uniqueName("purge-lm") });
        const run = await s().tracking.createRun({ experimentId });
        const model = await s().loggedModels.createLoggedModel({
          experimentId,
          sourceRunId: run.info.run_id,
          params: [{ key: "p", value: "1" }],
        });
        const modelId = model.info.model_id;
        await s().loggedModels.setLoggedModelTags(modelId, [{ key: "t", value: "v" }]);
        await s().tracking.logBatch(run.info.run_id, { metrics: [{ key: "acc", value: 0.9, timestamp: 1, step: 0, model_id: modelId }] });
        await s().tracking.logInputs(run.info.run_id, [], [{ model_id: modelId }]);
        await s().loggedModels.logOutputs(run.info.run_id, [{ model_id: modelId, step: 0 }]);
        await s().tracking.deleteExperiment(experimentId);
        return { experimentId, runId: run.info.run_id, modelId };
      };
      const free = await withModel();
      expect(await s().purge.hardDeleteRun(free.runId)).toBe(true);
      expect(await s().purge.hardDeleteExperiment(free.experimentId)).toBe(true);
      await expectError(s().loggedModels.getLoggedModel(free.modelId), "RESOURCE_DOES_NOT_EXIST");

      const kept = await withModel();
      const name = uniqueName("purge-lm-reg");
      await s().registry.createRegisteredModel({ name });
      await s().registry.createModelVersion({ name, source: `models:/${kept.modelId}`, modelId: kept.modelId });
      expect(await s().purge.hardDeleteRun(kept.runId)).toBe(true);
      expect(await s().purge.hardDeleteExperiment(kept.experimentId)).toBe(false);
    });

    it("lists every model version's run, source and storage location", async () => {
      const experimentId = await s().tracking.createExperiment({ name: uniqueName("purge-mv") });
      const run = await s().tracking.createRun({ experimentId });
      const model = uniqueName("model");
      await s().registry.createRegisteredModel({ name: model });
      await s().registry.createModelVersion({
        name: model,
        source: `runs:/${run.info.run_id}/model`,
        runId: run.info.run_id,
        storageLocation: `${run.info.artifact_uri}/model`,
      });
      const refs = (await s().purge.listModelVersionReferences()).filter((ref) => ref.name === model);
      expect(refs).toEqual([
        {
          name: model,
          version: "1",
          runId: run.info.run_id,
          source: `runs:/${run.info.run_id}/model`,
          storageLocation: `${run.info.artifact_uri}/model`,
        },
      ]);
    });
  });
}
