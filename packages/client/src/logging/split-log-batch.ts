import type { LogBatchInput, Metric, Param, Tag } from "@cairn/core";

/** MLflow's per-call limits for log-batch (mlflow-wire.md §2.1). */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

/**
 * Splits logged items into log-batch calls within MLflow's limits (1000 metrics, 100 params,
 * 100 tags, 1000 in total), keeping their order. A param key repeated in one call is a 400 in
 * MLflow, so a repeat starts a new call (and keeps "same value is a no-op" semantics); a tag key
 * repeated in one call is fine (the last value wins, as it would in order).
 *
 * @example
 * splitLogBatch({ metrics: Array.from({ length: 2500 }, … ) }).length; // 3
 */
export function splitLogBatch(input: { metrics?: Metric[]; params?: Param[]; tags?: Tag[] }): LogBatchInput[] {
  const batches: LogBatchInput[] = [];
  let metrics: Metric[] = [];
  let params: Param[] = [];
  let tags: Tag[] = [];
  let paramKeys = new Set<string>();
  const total = () => metrics.length + params.length + tags.length;
  const close = () => {
    if (total() === 0) return;
    const batch: LogBatchInput = {};
    if (metrics.length) batch.metrics = metrics;
    if (params.length) batch.params = params;
    if (tags.length) batch.tags = tags;
    batches.push(batch);
    metrics = [];
    params = [];
    tags = [];
    paramKeys = new Set();
  };
  // Params first: MLflow writes params before metrics and tags within a call, and a run's
  // params are usually logged before its metrics anyway.
  for (const param of input.params ?? []) {
    if (params.length >= LOG_BATCH_LIMITS.params || total() >= LOG_BATCH_LIMITS.total || paramKeys.has(param.key)) close();
    params.push(param);
    paramKeys.add(param.key);
  }
  for (const metric of input.metrics ?? []) {
    if (metrics.length >= LOG_BATCH_LIMITS.metrics || total() >= LOG_BATCH_LIMITS.total) close();
    metrics.push(metric);
  }
  for (const tag of input.tags ?? []) {
    if (tags.length >= LOG_BATCH_LIMITS.tags || total() >= LOG_BATCH_LIMITS.total) close();
    tags.push(tag);
  }
  close();
  return batches;
}
