import { invalidParameter } from "../errors/index.js";
import type { Tag } from "./tag.js";

/** Registration states (proto `ModelVersionStatus`); the SQL registry sets READY at once. */
export const MODEL_VERSION_STATUSES = ["PENDING_REGISTRATION", "FAILED_REGISTRATION", "READY"] as const;
export type ModelVersionStatus = (typeof MODEL_VERSION_STATUSES)[number];

/** The stages a version may be in (deprecated upstream in favour of aliases, still served). */
export const MODEL_VERSION_STAGES = ["None", "Staging", "Production", "Archived"] as const;
export type ModelVersionStage = (typeof MODEL_VERSION_STAGES)[number];

/** Stages `archive_existing_versions` may move into; also MLflow's "active" stages. */
export const ACTIVE_STAGES: readonly ModelVersionStage[] = ["Staging", "Production"];

/** What a soft-deleted version is stored with: every read filters it out. */
export const STAGE_DELETED_INTERNAL = "Deleted_Internal";

/**
 * The canonical spelling of a stage, matched case-insensitively as MLflow does.
 *
 * @example
 * canonicalStage("production"); // "Production"
 * canonicalStage("gold");       // throws INVALID_PARAMETER_VALUE
 */
export function canonicalStage(stage: string): ModelVersionStage {
  const found = MODEL_VERSION_STAGES.find((candidate) => candidate.toLowerCase() === stage.toLowerCase());
  if (!found) {
    throw invalidParameter(`Invalid Model Version stage: ${stage}. Value must be one of ${MODEL_VERSION_STAGES.join(", ")}.`);
  }
  return found;
}

/**
 * One version of a registered model, in MLflow's wire shape: `version` is a decimal string,
 * `aliases` are the alias names pointing at it. Optional fields are omitted on the wire when
 * unset.
 */
export interface ModelVersion {
  name: string;
  version: string;
  /** Milliseconds since the epoch. */
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  current_stage: string;
  description?: string;
  /** What the client registered (`runs:/…`, `s3://…`, `mlflow-artifacts:/…`). */
  source: string;
  run_id?: string;
  status: ModelVersionStatus;
  status_message?: string;
  tags: Tag[];
  run_link?: string;
  aliases: string[];
  /** The MLflow 3 logged model the version was registered from. */
  model_id?: string;
}
