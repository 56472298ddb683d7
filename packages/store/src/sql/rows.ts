import type { Experiment, LifecycleStage, Metric, RunInfo, RunStatus, Tag } from "@cairn/core";
import type { ExperimentsTable, LatestMetricsTable, MetricsTable, RunsTable } from "./schema.js";

/** Row → entity mappers: storage rows never leave the store. */

type Selected<T> = { [K in keyof T]: T[K] extends import("kysely").Generated<infer U> ? U : T[K] };

export function toExperiment(row: Selected<ExperimentsTable>, tags: Tag[]): Experiment {
  return {
    experiment_id: String(row.experiment_id),
    name: row.name,
    artifact_location: row.artifact_location,
    lifecycle_stage: row.lifecycle_stage as LifecycleStage,
    creation_time: row.creation_time,
    last_update_time: row.last_update_time,
    tags,
  };
}

export function toRunInfo(row: RunsTable): RunInfo {
  const info: RunInfo = {
    run_id: row.run_uuid,
    run_uuid: row.run_uuid,
    run_name: row.name,
    experiment_id: String(row.experiment_id),
    user_id: row.user_id,
    status: row.status as RunStatus,
    start_time: row.start_time,
    artifact_uri: row.artifact_uri,
    lifecycle_stage: row.lifecycle_stage as LifecycleStage,
  };
  if (row.end_time !== null) info.end_time = row.end_time;
  return info;
}

type MetricRow = Pick<MetricsTable | LatestMetricsTable, "key" | "value" | "timestamp" | "step" | "is_nan"> &
  Partial<Pick<MetricsTable, "model_id" | "dataset_name" | "dataset_digest">>;

/**
 * NaN is stored as value 0 with is_nan = 1, the way MLflow's SQL store keeps it. The model and
 * dataset a point was logged for are set only when there are some ('' counts as none).
 */
export function toMetric(row: MetricRow): Metric {
  const metric: Metric = {
    key: row.key,
    value: row.is_nan ? Number.NaN : row.value,
    timestamp: row.timestamp,
    step: row.step,
  };
  if (row.model_id) metric.model_id = row.model_id;
  if (row.dataset_name) metric.dataset_name = row.dataset_name;
  if (row.dataset_digest) metric.dataset_digest = row.dataset_digest;
  return metric;
}

/**
 * A metrics row's values in the column order of the dialects' hand-written inserts:
 * run_uuid, key, step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest.
 */
export function metricRowValues(
  row: MetricsTable,
): [string, string, number, number, number, number, string | null, string | null, string | null] {
  return [row.run_uuid, row.key, row.step, row.timestamp, row.value, row.is_nan, row.model_id, row.dataset_name, row.dataset_digest];
}
