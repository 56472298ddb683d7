import type { ModelVersion, ModelVersionStatus, RegisteredModel, RegisteredModelAlias, Tag } from "@cairn/core";
import type { ModelVersionsTable, RegisteredModelsTable } from "../schema.js";

/** Row → entity mappers for the registry; NULL columns become absent fields (omitted on the wire). */

export function toModelVersion(row: ModelVersionsTable, tags: Tag[], aliases: string[]): ModelVersion {
  const version: ModelVersion = {
    name: row.name,
    version: String(row.version),
    creation_timestamp: row.creation_time,
    last_updated_timestamp: row.last_updated_time,
    current_stage: row.current_stage,
    source: row.source,
    status: row.status as ModelVersionStatus,
    tags,
    aliases,
  };
  if (row.description !== null) version.description = row.description;
  if (row.user_id !== null) version.user_id = row.user_id;
  if (row.run_id !== null) version.run_id = row.run_id;
  if (row.run_link !== null) version.run_link = row.run_link;
  if (row.status_message !== null) version.status_message = row.status_message;
  if (row.model_id) version.model_id = row.model_id;
  return version;
}

export function toRegisteredModel(
  row: RegisteredModelsTable,
  tags: Tag[],
  aliases: RegisteredModelAlias[],
  latestVersions: ModelVersion[],
): RegisteredModel {
  const model: RegisteredModel = {
    name: row.name,
    creation_timestamp: row.creation_time,
    last_updated_timestamp: row.last_updated_time,
    latest_versions: latestVersions,
    tags,
    aliases,
  };
  if (row.description !== null) model.description = row.description;
  return model;
}
