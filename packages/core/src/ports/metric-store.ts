import type { Metric } from "../entities/metric.js";
import type { PagedList } from "../entities/paged-list.js";

export interface MetricHistoryInput {
  /** Absent means the whole history in one page. */
  maxResults?: number;
  pageToken?: string;
}

export interface BulkIntervalInput {
  runIds: string[];
  metricKey: string;
  startStep?: number;
  endStep?: number;
  /** Points per run, 1..2500. */
  maxResults: number;
}

/** Metric histories. */
export interface MetricStore {
  /**
   * Every point of one key, ordered by (timestamp, step, value), each with `run_id` unset. An
   * unknown run or key has an empty history (as in MLflow), not an error.
   */
  getMetricHistory(runId: string, key: string, input: MetricHistoryInput): Promise<PagedList<Metric>>;
  /**
   * Downsampled histories of one key across runs: per run at most `maxResults` steps, chosen
   * evenly over the run's steps in [startStep, endStep] and always keeping the first and last
   * step. Every point carries `run_id`. An unknown run gives RESOURCE_DOES_NOT_EXIST.
   */
  getMetricHistoryBulkInterval(input: BulkIntervalInput): Promise<Metric[]>;
}
