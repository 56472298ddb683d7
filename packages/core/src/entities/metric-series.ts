/**
 * One run's metric downsampled for a chart (a Cairn extension, not an MLflow shape). Columns
 * rather than point objects: a 20-run overlay holds ~100,000 points, and three flat arrays are
 * a third of the JSON of as many `{step, timestamp, value}` objects.
 */
export interface MetricSeries {
  run_id: string;
  key: string;
  /** The run's whole step range for this key (not only the requested window), for zooming out. */
  min_step?: number;
  max_step?: number;
  /** Ascending by step; for each bucket its first, lowest, highest and last point. */
  steps: number[];
  timestamps: number[];
  /** May hold NaN and ±Infinity (strings on the wire, as everywhere in MLflow's JSON). */
  values: number[];
}

/**
 * The `latest_metrics` row of one (run, key): the latest value plus the lowest and highest ever
 * logged, so the runs table can show and sort by a best value, not only the last.
 */
export interface MetricSummary {
  run_id: string;
  key: string;
  value: number;
  step: number;
  timestamp: number;
  /** Absent when every logged value was NaN. */
  min_value?: number;
  max_value?: number;
}
