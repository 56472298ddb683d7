import {
  CairnError,
  type CreateExperimentInput,
  type CreateRunInput,
  type DatasetInput,
  type DatasetSummary,
  type DownsampleInput,
  type Experiment,
  type LogBatchInput,
  type Metric,
  type MetricSeries,
  type MetricSummary,
  type ModelInput,
  type PagedList,
  type Run,
  type RunInfo,
  type SearchExperimentsInput,
  type SearchRunsInput,
  type Tag,
  type TrackingStore,
  type UpdateRunInput,
} from "@cairn/core";
import type { CairnRestClient } from "./cairn-rest-client.js";

/**
 * Core's `TrackingStore` port over REST, so the run API (and the conformance suite) talk to a
 * remote server exactly as they talk to an in-process store.
 *
 * @example
 * const store = new RestTrackingStore(new CairnRestClient({ baseUrl }));
 * const run = await store.createRun({ experimentId: "0" });
 */
export class RestTrackingStore implements TrackingStore {
  readonly #client: CairnRestClient;

  constructor(client: CairnRestClient) {
    this.#client = client;
  }

  async createExperiment(input: CreateExperimentInput): Promise<string> {
    const out = await this.#client.createExperiment({ name: input.name, artifact_location: input.artifactLocation, tags: input.tags });
    return out.experiment_id;
  }
  async getExperiment(experimentId: string): Promise<Experiment> {
    return (await this.#client.getExperiment({ experiment_id: experimentId })).experiment;
  }
  async getExperimentByName(name: string): Promise<Experiment | null> {
    try {
      return (await this.#client.getExperimentByName({ experiment_name: name })).experiment;
    } catch (error) {
      if (error instanceof CairnError && error.code === "RESOURCE_DOES_NOT_EXIST") return null;
      throw error;
    }
  }
  async searchExperiments(input: SearchExperimentsInput): Promise<PagedList<Experiment>> {
    const out = await this.#client.searchExperiments({
      view_type: input.viewType,
      max_results: input.maxResults,
      filter: input.filter,
      order_by: input.orderBy,
      page_token: input.pageToken,
    });
    return page(out.experiments, out.next_page_token);
  }
  async searchDatasets(experimentIds: string[]): Promise<DatasetSummary[]> {
    return (await this.#client.searchDatasets({ experiment_ids: experimentIds })).dataset_summaries;
  }
  async deleteExperiment(experimentId: string): Promise<void> {
    await this.#client.deleteExperiment({ experiment_id: experimentId });
  }
  async restoreExperiment(experimentId: string): Promise<void> {
    await this.#client.restoreExperiment({ experiment_id: experimentId });
  }
  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    await this.#client.updateExperiment({ experiment_id: experimentId, new_name: newName });
  }
  async setExperimentTag(experimentId: string, tag: Tag): Promise<void> {
    await this.#client.setExperimentTag({ experiment_id: experimentId, key: tag.key, value: tag.value });
  }
  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    await this.#client.deleteExperimentTag({ experiment_id: experimentId, key });
  }
  async createRun(input: CreateRunInput): Promise<Run> {
    const out = await this.#client.createRun({
      experiment_id: input.experimentId,
      user_id: input.userId,
      run_name: input.runName,
      start_time: input.startTime,
      tags: input.tags,
    });
    return out.run;
  }
  async updateRun(runId: string, input: UpdateRunInput): Promise<RunInfo> {
    const out = await this.#client.updateRun({ run_id: runId, status: input.status, end_time: input.endTime, run_name: input.runName });
    return out.run_info;
  }
  async getRun(runId: string): Promise<Run> {
    return (await this.#client.getRun({ run_id: runId })).run;
  }
  async deleteRun(runId: string): Promise<void> {
    await this.#client.deleteRun({ run_id: runId });
  }
  async restoreRun(runId: string): Promise<void> {
    await this.#client.restoreRun({ run_id: runId });
  }
  async searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    const out = await this.#client.searchRuns({
      experiment_ids: input.experimentIds,
      filter: input.filter,
      run_view_type: input.runViewType,
      max_results: input.maxResults,
      order_by: input.orderBy,
      page_token: input.pageToken,
    });
    return page(out.runs, out.next_page_token);
  }
  async logBatch(runId: string, input: LogBatchInput): Promise<void> {
    await this.#client.logBatch({ run_id: runId, metrics: input.metrics, params: input.params, tags: input.tags });
  }
  async deleteTag(runId: string, key: string): Promise<void> {
    await this.#client.deleteTag({ run_id: runId, key });
  }
  async logInputs(runId: string, datasets: DatasetInput[], models?: ModelInput[]): Promise<void> {
    await this.#client.logInputs({ run_id: runId, datasets, models });
  }
  async recordLoggedModel(runId: string, model: Record<string, unknown>): Promise<void> {
    await this.#client.logModel({ run_id: runId, model_json: JSON.stringify(model) });
  }
  async getMetricHistory(runId: string, key: string, input: { maxResults?: number; pageToken?: string }): Promise<PagedList<Metric>> {
    const out = await this.#client.getMetricHistory({
      run_id: runId,
      metric_key: key,
      max_results: input.maxResults,
      page_token: input.pageToken,
    });
    return page(out.metrics, out.next_page_token);
  }
  async getMetricHistoryBulkInterval(input: {
    runIds: string[];
    metricKey: string;
    startStep?: number;
    endStep?: number;
    maxResults: number;
  }): Promise<Metric[]> {
    const out = await this.#client.getMetricHistoryBulkInterval({
      run_ids: input.runIds,
      metric_key: input.metricKey,
      start_step: input.startStep,
      end_step: input.endStep,
      max_results: input.maxResults,
    });
    return out.metrics;
  }
  /** Nothing to release: fetch keeps no handles the process must close. */
  async getDownsampledMetric(input: DownsampleInput): Promise<MetricSeries[]> {
    const out = await this.#client.getDownsampledMetric({
      run_ids: input.runIds,
      key: input.key,
      buckets: input.buckets,
      start_step: input.startStep,
      end_step: input.endStep,
    });
    return out.series;
  }
  async getMetricSummaries(runIds: string[]): Promise<MetricSummary[]> {
    return (await this.#client.getMetricSummaries({ run_ids: runIds })).summaries;
  }
  async close(): Promise<void> {}
}

function page<T>(items: T[], token: string | undefined): PagedList<T> {
  return token ? { items, next_page_token: token } : { items };
}
