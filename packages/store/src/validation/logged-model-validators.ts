import { invalidParameter, type Tag } from "@cairn/core";
import { missingParameter } from "./missing-parameter.js";
import { validateLength } from "./validators.js";

/** Logged-model limits: MLflow's column sizes (`logged_models`, `logged_model_tags`/`_params`). */
export const LOGGED_MODEL_LIMITS = {
  nameLength: 500,
  modelTypeLength: 500,
  keyLength: 255,
  /** The columns are TEXT in MLflow; a bound keeps one request from storing megabytes. */
  valueLength: 100_000,
  searchDefaultMaxResults: 50,
  searchMaxResults: 50_000,
  searchMaxExperiments: 1000,
  datasetNameLength: 500,
  datasetDigestLength: 36,
} as const;

const BAD_NAME_CHARACTERS = ["/", ":", ".", "%", '"', "'"];

/** MLflow's `_validate_logged_model_name`: absent is fine (a name is generated), empty or odd characters are not. */
export function validateLoggedModelName(name: string | undefined): void {
  if (name === undefined) return;
  if (name === "" || BAD_NAME_CHARACTERS.some((character) => name.includes(character))) {
    throw invalidParameter(
      `Invalid model name ('${name.slice(0, 250)}') provided. Model name must be a non-empty string and cannot contain the following characters: ${JSON.stringify(BAD_NAME_CHARACTERS)}`,
    );
  }
  validateLength("Model name", name, LOGGED_MODEL_LIMITS.nameLength);
}

/** Tags and params of a logged model: a non-empty key within the column, a bounded value. */
export function validateLoggedModelEntry(kind: "tag" | "param", entry: Tag, field: string): Tag {
  if (entry.key === "") throw missingParameter(`${field}.key`);
  validateLength(`Logged model ${kind} key`, entry.key, LOGGED_MODEL_LIMITS.keyLength);
  validateLength(`Logged model ${kind} value`, entry.value, LOGGED_MODEL_LIMITS.valueLength);
  return entry;
}
