import { int32, int64, type MessageSpec, str, strList } from "./field-spec.js";

/**
 * Request messages of Cairn's extensions to MLflow's API (served under `/api/2.0/cairn/…`),
 * read with MLflow's request rules (query string for GET, repeated keys for lists).
 */
export const cairnRequests = {
  /** M4-downsampled histories of one key for charts (`MetricViewStore.getDownsampledMetric`). */
  getDownsampledMetric: {
    run_ids: strList(),
    key: str(true),
    buckets: int32(),
    start_step: int64(),
    end_step: int64(),
  },
  /** Latest, lowest and highest value of every metric of the runs (`MetricViewStore.getMetricSummaries`). */
  getMetricSummaries: { run_ids: strList() },
} satisfies Record<string, MessageSpec>;
