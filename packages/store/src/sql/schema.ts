import type { Generated } from "kysely";

/**
 * Row types of Cairn's SQL schema. They never leave the store: `rows.ts` maps them to core
 * entities. Timestamps are milliseconds since the epoch (BIGINT).
 */
export interface ExperimentsTable {
  experiment_id: Generated<number>;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  creation_time: number;
  last_update_time: number;
  deleted_time: number | null;
}

export interface ExperimentTagsTable {
  experiment_id: number;
  key: string;
  value: string;
}

export interface RunsTable {
  run_uuid: string;
  experiment_id: number;
  name: string;
  user_id: string;
  status: string;
  start_time: number;
  end_time: number | null;
  deleted_time: number | null;
  lifecycle_stage: string;
  artifact_uri: string;
}

export interface KeyValueTable {
  run_uuid: string;
  key: string;
  value: string;
}

/** Clustered by (run_uuid, key, step, timestamp, value, is_nan): a history read is one range scan. */
export interface MetricsTable {
  run_uuid: string;
  key: string;
  step: number;
  timestamp: number;
  /** 0 when is_nan is 1, as in MLflow's store. */
  value: number;
  is_nan: number;
  /** The logged model and dataset the point was logged for (MLflow 3); outside the key. */
  model_id: string | null;
  dataset_name: string | null;
  dataset_digest: string | null;
}

/** One row per (run, key): the latest point by (step, timestamp, value), plus min and max. */
export interface LatestMetricsTable {
  run_uuid: string;
  /** The run's experiment (runs never move), so sorting by a metric can use an index. */
  experiment_id: number;
  key: string;
  step: number;
  timestamp: number;
  value: number;
  is_nan: number;
  min_value: number | null;
  max_value: number | null;
  model_id: string | null;
  dataset_name: string | null;
  dataset_digest: string | null;
}

/** Per (run, key, block size, block): the block's first and last step and its extremes (null when all NaN). */
export interface MetricBucketsTable {
  run_uuid: string;
  key: string;
  size: number;
  block: number;
  first_step: number;
  last_step: number;
  min_step: number | null;
  min_value: number | null;
  max_step: number | null;
  max_value: number | null;
}

export interface DatasetsTable {
  dataset_uuid: string;
  experiment_id: number;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

export interface InputsTable {
  input_uuid: string;
  source_type: string;
  source_id: string;
  destination_type: string;
  destination_id: string;
  /** The step of a RUN → MODEL output edge; 0 otherwise. */
  step: Generated<number>;
}

export interface InputTagsTable {
  input_uuid: string;
  name: string;
  value: string;
}

export interface RegisteredModelsTable {
  name: string;
  creation_time: number;
  last_updated_time: number;
  description: string | null;
}

/** `version` is an integer here and a string on the wire; a soft-deleted row keeps its number. */
export interface ModelVersionsTable {
  name: string;
  version: number;
  creation_time: number;
  last_updated_time: number;
  description: string | null;
  user_id: string | null;
  current_stage: string;
  source: string;
  storage_location: string | null;
  run_id: string | null;
  run_link: string | null;
  status: string;
  status_message: string | null;
  /** The MLflow 3 logged model the version was registered from. */
  model_id: string | null;
}

export interface RegisteredModelTagsTable {
  name: string;
  key: string;
  value: string;
}

export interface ModelVersionTagsTable {
  name: string;
  version: number;
  key: string;
  value: string;
}

export interface RegisteredModelAliasesTable {
  name: string;
  alias: string;
  version: number;
}

/** `secret` is ciphertext (see `webhooks/secret-cipher.ts`); a deleted webhook keeps its row. */
export interface WebhooksTable {
  webhook_id: string;
  name: string;
  description: string | null;
  url: string;
  status: string;
  secret: string | null;
  creation_timestamp: number;
  last_updated_timestamp: number;
  deleted_timestamp: number | null;
}

export interface WebhookEventsTable {
  webhook_id: string;
  entity: string;
  action: string;
  position: number;
}

export interface WebhookDeliveriesTable {
  delivery_id: string;
  attempt: number;
  webhook_id: string;
  event: string;
  timestamp: number;
  outcome: string;
  response_status: number | null;
  error_message: string | null;
  duration_ms: number;
}

/** An MLflow 3 logged model; `status` is the enum name, a delete sets `lifecycle_stage`. */
export interface LoggedModelsTable {
  model_id: string;
  experiment_id: number;
  name: string;
  artifact_location: string;
  creation_timestamp_ms: number;
  last_updated_timestamp_ms: number;
  status: string;
  lifecycle_stage: string;
  model_type: string | null;
  source_run_id: string | null;
  status_message: string | null;
}

export interface LoggedModelKeyValueTable {
  model_id: string;
  key: string;
  value: string;
}

/** A point logged with `model_id`; `dataset_name`/`dataset_digest` are '' when none was given. */
export interface LoggedModelMetricsTable {
  model_id: string;
  key: string;
  step: number;
  timestamp: number;
  run_uuid: string;
  dataset_name: string;
  dataset_digest: string;
  value: number;
  is_nan: number;
  experiment_id: number;
}

export interface Database {
  experiments: ExperimentsTable;
  experiment_tags: ExperimentTagsTable;
  runs: RunsTable;
  tags: KeyValueTable;
  params: KeyValueTable;
  metrics: MetricsTable;
  latest_metrics: LatestMetricsTable;
  metric_buckets: MetricBucketsTable;
  datasets: DatasetsTable;
  inputs: InputsTable;
  input_tags: InputTagsTable;
  registered_models: RegisteredModelsTable;
  model_versions: ModelVersionsTable;
  registered_model_tags: RegisteredModelTagsTable;
  model_version_tags: ModelVersionTagsTable;
  registered_model_aliases: RegisteredModelAliasesTable;
  webhooks: WebhooksTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  logged_models: LoggedModelsTable;
  logged_model_params: LoggedModelKeyValueTable;
  logged_model_tags: LoggedModelKeyValueTable;
  logged_model_metrics: LoggedModelMetricsTable;
}
