import type { MetricSeries, MetricSummary } from "../entities/metric-series.js";

export interface DownsampleInput {
  runIds: string[];
  key: string;
  /** Pixel buckets across [startStep, endStep]; each keeps at most four points. */
  buckets: number;
  /** Absent: the run's first logged step. */
  startStep?: number;
  /** Absent: the run's last logged step. */
  endStep?: number;
}

/**
 * Cairn's reads for charts and tables beyond MLflow's API (served under /api/2.0/cairn/…).
 *
 * @example
 * const [series] = await store.getDownsampledMetric({ runIds: [id], key: "loss", buckets: 800 });
 */
export interface MetricViewStore {
  /**
   * For each run (in the order given), the points of `key` in [startStep, endStep] split into
   * `buckets` equal step ranges, keeping in each the first and last point by step and the
   * points holding the lowest and highest value (M4). A line drawn through them at one bucket
   * per pixel is the line of the full series: no spike is lost. An unknown run gives
   * RESOURCE_DOES_NOT_EXIST; a run without the key gives an empty series.
   */
  getDownsampledMetric(input: DownsampleInput): Promise<MetricSeries[]>;
  /** The latest, lowest and highest value of every metric of the given runs; unknown runs add nothing. */
  getMetricSummaries(runIds: string[]): Promise<MetricSummary[]>;
}
