import type { ModelVersion } from "./model-version.js";
import type { Tag } from "./tag.js";

/** `name@alias` → version; the version is a decimal string on the wire. */
export interface RegisteredModelAlias {
  alias: string;
  version: string;
}

/**
 * A registered model in MLflow's wire shape. `latest_versions` holds the highest live version
 * of each stage that has one.
 */
export interface RegisteredModel {
  name: string;
  /** Milliseconds since the epoch. */
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  description?: string;
  latest_versions: ModelVersion[];
  tags: Tag[];
  aliases: RegisteredModelAlias[];
}

/** The model tag that marks a prompt (mlflow-wire.md §1.9); prompts are hidden from model search. */
export const PROMPT_TAG_KEY = "mlflow.prompt.is_prompt";
