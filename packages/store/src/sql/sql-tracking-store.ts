import type {
  BulkIntervalInput,
  CreateExperimentInput,
  CreateLoggedModelInput,
  CreateRunInput,
  DatasetInput,
  DatasetSummary,
  DeletedExperiment,
  DeletedRun,
  DownsampleInput,
  Experiment,
  LogBatchInput,
  LoggedModel,
  LoggedModelStatus,
  LoggedModelStore,
  Metric,
  MetricHistoryInput,
  MetricSeries,
  MetricSummary,
  MetricViewStore,
  ModelInput,
  ModelOutput,
  ModelVersionReference,
  PagedList,
  Param,
  PurgeStore,
  Run,
  RunInfo,
  SearchExperimentsInput,
  SearchLoggedModelsInput,
  SearchRunsInput,
  Tag,
  TrackingStore,
  UpdateRunInput,
} from "@cairn/core";
import type { SqlConnection } from "./capabilities.js";
import * as experiments from "./experiments.js";
import { logBatch } from "./log-batch.js";
import { logInputs } from "./log-inputs.js";
import * as loggedModels from "./logged-models/logged-models.js";
import { searchLoggedModels } from "./logged-models/search-logged-models.js";
import { getMetricHistory, getMetricHistoryBulkInterval } from "./metric-history.js";
import { getDownsampledMetric, getMetricSummaries } from "./metric-views.js";
import { migrate } from "./migrator.js";
import * as purge from "./purge.js";
import { recordLoggedModel } from "./record-logged-model.js";
import * as runs from "./runs.js";
import { searchDatasets } from "./search-datasets.js";
import { searchExperiments } from "./search-experiments.js";
import { searchRuns } from "./search-runs.js";
import type { StoreContext } from "./store-context.js";

/**
 * The one SQL implementation of `TrackingStore` (and of `LoggedModelStore`, whose models share
 * the runs' tables and transactions, and of `PurgeStore`, the hard deletes behind `cairn gc`),
 * for every engine Kysely drives. Each method delegates to the domain module that owns it; the
 * engine's differences stay in `dialects/`.
 */
export class SqlTrackingStore implements TrackingStore, LoggedModelStore, PurgeStore, MetricViewStore {
  readonly #ctx: StoreContext;

  private constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Runs pending migrations, makes sure experiment 0 exists, and returns the store. */
  static async open(conn: SqlConnection, options: { defaultArtifactRoot: string }): Promise<SqlTrackingStore> {
    await migrate(conn);
    const ctx: StoreContext = { conn, defaultArtifactRoot: options.defaultArtifactRoot };
    await experiments.ensureDefaultExperiment(ctx);
    return new SqlTrackingStore(ctx);
  }

  createExperiment(input: CreateExperimentInput): Promise<string> {
    return experiments.createExperiment(this.#ctx, input);
  }
  getExperiment(experimentId: string): Promise<Experiment> {
    return experiments.getExperiment(this.#ctx, experimentId);
  }
  getExperimentByName(name: string): Promise<Experiment | null> {
    return experiments.getExperimentByName(this.#ctx, name);
  }
  searchExperiments(input: SearchExperimentsInput): Promise<PagedList<Experiment>> {
    return searchExperiments(this.#ctx, input);
  }
  deleteExperiment(experimentId: string): Promise<void> {
    return experiments.deleteExperiment(this.#ctx, experimentId);
  }
  restoreExperiment(experimentId: string): Promise<void> {
    return experiments.restoreExperiment(this.#ctx, experimentId);
  }
  renameExperiment(experimentId: string, newName: string): Promise<void> {
    return experiments.renameExperiment(this.#ctx, experimentId, newName);
  }
  setExperimentTag(experimentId: string, tag: Tag): Promise<void> {
    return experiments.setExperimentTag(this.#ctx, experimentId, tag);
  }
  deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    return experiments.deleteExperimentTag(this.#ctx, experimentId, key);
  }
  searchDatasets(experimentIds: string[]): Promise<DatasetSummary[]> {
    return searchDatasets(this.#ctx, experimentIds);
  }
  createRun(input: CreateRunInput): Promise<Run> {
    return runs.createRun(this.#ctx, input);
  }
  updateRun(runId: string, input: UpdateRunInput): Promise<RunInfo> {
    return runs.updateRun(this.#ctx, runId, input);
  }
  getRun(runId: string): Promise<Run> {
    return runs.getRun(this.#ctx, runId);
  }
  deleteRun(runId: string): Promise<void> {
    return runs.deleteRun(this.#ctx, runId);
  }
  restoreRun(runId: string): Promise<void> {
    return runs.restoreRun(this.#ctx, runId);
  }
  searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    return searchRuns(this.#ctx, input);
  }
  logBatch(runId: string, input: LogBatchInput): Promise<void> {
    return logBatch(this.#ctx, runId, input);
  }
  deleteTag(runId: string, key: string): Promise<void> {
    return runs.deleteTag(this.#ctx, runId, key);
  }
  logInputs(runId: string, datasets: DatasetInput[], models?: ModelInput[]): Promise<void> {
    return logInputs(this.#ctx, runId, datasets, models);
  }
  recordLoggedModel(runId: string, model: Record<string, unknown>): Promise<void> {
    return recordLoggedModel(this.#ctx, runId, model);
  }
  getMetricHistory(runId: string, key: string, input: MetricHistoryInput): Promise<PagedList<Metric>> {
    return getMetricHistory(this.#ctx, runId, key, input);
  }
  getMetricHistoryBulkInterval(input: BulkIntervalInput): Promise<Metric[]> {
    return getMetricHistoryBulkInterval(this.#ctx, input);
  }
  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    return loggedModels.createLoggedModel(this.#ctx, input);
  }
  getLoggedModel(modelId: string): Promise<LoggedModel> {
    return loggedModels.getLoggedModel(this.#ctx, modelId);
  }
  finalizeLoggedModel(modelId: string, status: LoggedModelStatus): Promise<LoggedModel> {
    return loggedModels.finalizeLoggedModel(this.#ctx, modelId, status);
  }
  deleteLoggedModel(modelId: string): Promise<void> {
    return loggedModels.deleteLoggedModel(this.#ctx, modelId);
  }
  searchLoggedModels(input: SearchLoggedModelsInput): Promise<PagedList<LoggedModel>> {
    return searchLoggedModels(this.#ctx, input);
  }
  setLoggedModelTags(modelId: string, tags: Tag[]): Promise<void> {
    return loggedModels.setLoggedModelTags(this.#ctx, modelId, tags);
  }
  deleteLoggedModelTag(modelId: string, key: string): Promise<void> {
    return loggedModels.deleteLoggedModelTag(this.#ctx, modelId, key);
  }
  logLoggedModelParams(modelId: string, params: Param[]): Promise<void> {
    return loggedModels.logLoggedModelParams(this.#ctx, modelId, params);
  }
  logOutputs(runId: string, models: ModelOutput[]): Promise<void> {
    return loggedModels.logOutputs(this.#ctx, runId, models);
  }

  listDeletedRuns(input: { deletedBefore: number; experimentIds?: string[] }): Promise<DeletedRun[]> {
    return purge.listDeletedRuns(this.#ctx, input);
  }

  listDeletedExperiments(input: { deletedBefore: number }): Promise<DeletedExperiment[]> {
    return purge.listDeletedExperiments(this.#ctx, input);
  }

  listModelVersionReferences(): Promise<ModelVersionReference[]> {
    return purge.listModelVersionReferences(this.#ctx);
  }

  hardDeleteRun(runId: string): Promise<boolean> {
    return purge.hardDeleteRun(this.#ctx, runId);
  }

  hardDeleteExperiment(experimentId: string): Promise<boolean> {
    return purge.hardDeleteExperiment(this.#ctx, experimentId);
  }

  getDownsampledMetric(input: DownsampleInput): Promise<MetricSeries[]> {
    return getDownsampledMetric(this.#ctx, input);
  }
  getMetricSummaries(runIds: string[]): Promise<MetricSummary[]> {
    return getMetricSummaries(this.#ctx, runIds);
  }
  close(): Promise<void> {
    return this.#ctx.conn.close();
  }
}
