import { invalidParameter, type Tag, validateRegisteredModelName } from "@cairn/core";
import { missingParameter } from "./missing-parameter.js";
import { validateKey, validateLength } from "./validators.js";

/** MLflow's registry limits (`mlflow/utils/validation.py`, mlflow-wire.md §2.1). */
export const REGISTRY_LIMITS = {
  tagKeyLength: 250,
  tagValueLength: 100_000,
  descriptionLength: 5000,
  sourceLength: 500,
  runLinkLength: 500,
  aliasLength: 255,
  searchModelsMaxResults: 1000,
  searchVersionsMaxResults: 200_000,
} as const;

const ALIAS_PATTERN = /^[\p{L}\p{N}_-]*$/u;
const VERSION_ALIAS = /^[vV]\d+$/;

export function validateModelName(name: string, field = "name"): void {
  if (name === "") throw missingParameter(field);
  validateRegisteredModelName(name);
}

export function validateRegistryTag(kind: "Registered model" | "Model version", tag: Tag): Tag {
  validateKey("tag", tag.key);
  validateLength(`${kind} tag key`, tag.key, REGISTRY_LIMITS.tagKeyLength);
  validateLength(`${kind} tag value`, tag.value, REGISTRY_LIMITS.tagValueLength);
  return tag;
}

/** `[\w-]`, at most 255 characters; `latest` (any case) and `v<digits>` are reserved. */
export function validateAlias(alias: string): void {
  if (alias === "") throw invalidParameter("Registered model alias name cannot be empty.");
  if (!ALIAS_PATTERN.test(alias)) {
    throw invalidParameter(
      `Invalid alias name: '${alias.slice(0, 250)}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`,
    );
  }
  validateLength("Registered model alias name", alias, REGISTRY_LIMITS.aliasLength);
  if (alias.toLowerCase() === "latest") throw invalidParameter("'latest' alias name (case insensitive) is reserved.");
  if (VERSION_ALIAS.test(alias)) throw invalidParameter(`Version alias name '${alias}' is reserved.`);
}

export function validateDescription(what: string, description: string | undefined): void {
  if (description !== undefined) validateLength(what, description, REGISTRY_LIMITS.descriptionLength);
}
