/** Metric columns as `encodeMetricBatch` reads them (a `MetricBlock`'s, or their copies in a worker). */
export interface MetricColumns {
  length: number;
  keyIds: ArrayLike<number>;
  values: ArrayLike<number>;
  timestamps: ArrayLike<number>;
  steps: ArrayLike<number>;
}

/**
 * A log-batch request body written straight from metric columns, without building metric
 * objects for `JSON.stringify` to walk: keys come pre-encoded (`keyJson[id]` is the key as a JSON
 * string literal), numbers print as JSON does, and NaN/±Infinity as MLflow's strings.
 *
 * @example
 * encodeMetricBatch("abc", ['"loss"'], { length: 1, keyIds: [0], values: [0.5], timestamps: [1], steps: [0] });
 * // '{"run_id":"abc","metrics":[{"key":"loss","value":0.5,"timestamp":1,"step":0}]}'
 */
export function encodeMetricBatch(runId: string, keyJson: readonly string[], columns: MetricColumns): string {
  let out = `{"run_id":${JSON.stringify(runId)},"metrics":[`;
  for (let index = 0; index < columns.length; index += 1) {
    const value = columns.values[index] as number;
    out +=
      `${index === 0 ? "" : ","}{"key":${keyJson[columns.keyIds[index] as number]},"value":${Number.isFinite(value) ? value : `"${specialName(value)}"`}` +
      `,"timestamp":${columns.timestamps[index]},"step":${columns.steps[index]}}`;
  }
  return `${out}]}`;
}

function specialName(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}
