import type { Tag } from "./tag.js";

/** Entities keep MLflow's wire names (snake_case) so REST round-trips need no mapping. */
export type LifecycleStage = "active" | "deleted";

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  /** Milliseconds since the epoch. */
  creation_time: number;
  /** Milliseconds since the epoch. */
  last_update_time: number;
  tags: Tag[];
}

/** The experiment every new store has, id "0", as in MLflow. */
export const DEFAULT_EXPERIMENT_ID = "0";
export const DEFAULT_EXPERIMENT_NAME = "Default";
