import { CairnError, type ModelVersion, type RunStatus } from "@cairn/core";
import type { LoggableModel, LoggedModel } from "../models/log-model.js";
import type { ActiveRun } from "./active-run.js";
import type { Cairn } from "./cairn.js";

/**
 * The async connector shape people wrap MLflow in, over the run API (so its logging is queued,
 * batched and journalled like everything else). Runs are addressed by id.
 *
 * @example
 * const mlflow = new MlflowConnector(cairn);
 * const experimentId = await mlflow.createExperiment("fraud", { team: "risk" });
 * const runId = await mlflow.startRun(experimentId, "xgb-1");
 * await mlflow.logParams(runId, { depth: 6 });
 * await mlflow.logMetrics(runId, { auc: 0.91 }, 1);
 * await mlflow.logModel(runId, onnxBytes, "model");
 * await mlflow.registerModel(runId, "fraud");
 */
export class MlflowConnector {
  readonly #cairn: Cairn;
  readonly #runs = new Map<string, ActiveRun>();

  constructor(cairn: Cairn) {
    this.#cairn = cairn;
  }

  /** Creates an experiment, or returns the id of the one with that name. */
  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const tracking = this.#cairn.tracking;
    try {
      return await tracking.createExperiment({ name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) });
    } catch (error) {
      if (!(error instanceof CairnError && error.code === "RESOURCE_ALREADY_EXISTS")) throw error;
      const existing = await tracking.getExperimentByName(name);
      if (!existing) throw error;
      return existing.experiment_id;
    }
  }

  /** Starts a run and returns its id (a local id until the server has it, if it is away). */
  async startRun(experimentId: string, runName?: string): Promise<string> {
    const run = await this.#cairn.startRun({ experimentId, name: runName });
    this.#runs.set(run.id, run);
    this.#runs.set(run.localId, run);
    return run.id;
  }

  logParams(runId: string, params: Record<string, unknown>): Promise<void> {
    return this.#run(runId).logParams(params);
  }

  logMetrics(runId: string, metrics: Record<string, number>, step = 0): Promise<void> {
    return this.#run(runId).logMetrics(metrics, { step });
  }

  setTags(runId: string, tags: Record<string, unknown>): Promise<void> {
    return this.#run(runId).setTags(tags);
  }

  logModel(runId: string, model: LoggableModel, artifactPath = "model"): Promise<LoggedModel> {
    return this.#run(runId).logModel(model, artifactPath);
  }

  registerModel(runId: string, modelName: string, artifactPath = "model"): Promise<ModelVersion> {
    return this.#cairn.registerModel(this.#runs.get(runId) ?? runId, modelName, { artifactPath });
  }

  async endRun(runId: string, status: RunStatus = "FINISHED"): Promise<void> {
    await this.#run(runId).end(status);
  }

  flush(): Promise<void> {
    return this.#cairn.flush();
  }

  #run(runId: string): ActiveRun {
    const run = this.#runs.get(runId);
    if (!run) throw new CairnError("RESOURCE_DOES_NOT_EXIST", `Run with id=${runId} was not started by this connector`);
    return run;
  }
}
