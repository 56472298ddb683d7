import { type Operation, op } from "./operation.js";

/**
 * Cairn's extensions to MLflow's API, in the same table form as MLflow's operations: served at
 * both prefixes under `/cairn/…`, never by changing MLflow's own shapes.
 */
export const CAIRN_OPERATIONS: readonly Operation[] = [
  op("getDownsampledMetric", ["GET"], "/cairn/metrics/downsampled"),
  // POST too: a table page asks about up to a few thousand runs, too many for a URL.
  op("getMetricSummaries", ["GET", "POST"], "/cairn/runs/metric-summaries"),
];
