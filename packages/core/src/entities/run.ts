import type { LifecycleStage } from "./experiment.js";
import type { ModelInput, ModelOutput } from "./logged-model.js";
import type { Metric } from "./metric.js";
import type { Param, Tag } from "./tag.js";

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunInfo {
  run_id: string;
  /** Deprecated alias of run_id that MLflow still emits; always equal to it. */
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface RunData {
  /** The latest value of each metric key (by step, then timestamp, then value). */
  metrics: Metric[];
  params: Param[];
  tags: Tag[];
}

export interface Dataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

/** One dataset an experiment's runs used, as the UI's dataset filter lists them. */
export interface DatasetSummary {
  experiment_id: string;
  name: string;
  digest: string;
  /** The input tag `mlflow.data.context` (train, eval, …) when the run set one. */
  context?: string;
}

export interface DatasetInput {
  tags: Tag[];
  dataset: Dataset;
}

export interface RunInputs {
  dataset_inputs: DatasetInput[];
  /** Logged models the run used (MLflow 3); absent when there are none. */
  model_inputs?: ModelInput[];
}

/** What a run produced (MLflow 3): the logged models it output, with the step of each. */
export interface RunOutputs {
  model_outputs: ModelOutput[];
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: RunInputs;
  /** Absent when the run output no logged model. */
  outputs?: RunOutputs;
}
