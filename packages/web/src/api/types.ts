/**
 * Wire shapes the UI reads. The entities are core's (type-only imports, erased from the
 * bundle); these add what the UI needs beyond them.
 */
export type {
  Experiment,
  FileInfo,
  Metric,
  MetricSeries,
  MetricSummary,
  ModelVersion,
  RegisteredModel,
  Run,
  RunInfo,
  RunStatus,
  Tag,
} from "@cairn/core";
