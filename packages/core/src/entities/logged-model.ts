import type { Metric } from "./metric.js";
import type { Param, Tag } from "./tag.js";

/** Upload states of a logged model (proto `LoggedModelStatus`), by name as on the wire. */
export const LOGGED_MODEL_STATUSES = ["LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED"] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

/** The logged-model tag where MLflow records the registry versions made from a model. */
export const MODEL_VERSIONS_TAG = "mlflow.modelVersions";

/** A registry version made from a logged model; `version` is a decimal string as on the wire. */
export interface LoggedModelRegistration {
  name: string;
  version: string;
}

/**
 * A logged model's attributes (proto `LoggedModelInfo`). `artifact_uri` is
 * `<experiment artifact location>/models/<model_id>/artifacts`, as MLflow derives it.
 */
export interface LoggedModelInfo {
  /** `m-` followed by 32 lowercase hex digits. */
  model_id: string;
  experiment_id: string;
  name: string;
  /** Milliseconds since the epoch. */
  creation_timestamp_ms: number;
  last_updated_timestamp_ms: number;
  artifact_uri: string;
  status: LoggedModelStatus;
  model_type?: string;
  source_run_id?: string;
  status_message?: string;
  tags: Tag[];
  registrations: LoggedModelRegistration[];
}

export interface LoggedModelData {
  params: Param[];
  /** Every point logged with this `model_id`, each carrying its `run_id` and dataset. */
  metrics: Metric[];
}

/**
 * An MLflow 3 logged model (mlflow-wire.md §1.6): the unit `mlflow.<flavor>.log_model` creates,
 * uploads into and finalizes, and the source of `models:/<model_id>` registry versions.
 */
export interface LoggedModel {
  info: LoggedModelInfo;
  data: LoggedModelData;
}

/** A logged model a run used (`log-inputs` models[], an edge MODEL → RUN). */
export interface ModelInput {
  model_id: string;
}

/** A logged model a run produced at a step (`runs/outputs` models[], an edge RUN → MODEL). */
export interface ModelOutput {
  model_id: string;
  step: number;
}
