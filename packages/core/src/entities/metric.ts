/**
 * One metric point. `value` may be NaN or ±Infinity; the wire encodes those as the strings
 * "NaN", "Infinity" and "-Infinity".
 */
export interface Metric {
  key: string;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
  /** Set on history responses that span several runs. */
  run_id?: string;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}
