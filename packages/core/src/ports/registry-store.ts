import type { ModelVersion } from "../entities/model-version.js";
import type { PagedList } from "../entities/paged-list.js";
import type { RegisteredModel } from "../entities/registered-model.js";
import type { Tag } from "../entities/tag.js";

export interface CreateRegisteredModelInput {
  name: string;
  tags?: Tag[];
  description?: string;
}

export interface CreateModelVersionInput {
  name: string;
  /** Already validated by `validateModelVersionSource` (the validating wrapper does it). */
  source: string;
  runId?: string;
  tags?: Tag[];
  runLink?: string;
  description?: string;
  /**
   * The MLflow 3 logged model the version comes from (`models:/<model_id>` sources). The store
   * keeps it on the version and, in the same transaction, appends the registration to the
   * model's `mlflow.modelVersions` tag.
   */
  modelId?: string;
  /**
   * The resolved physical location `get-download-uri` answers with (for `runs:/` sources the
   * run's artifact URI plus the path). Absent: the source itself.
   */
  storageLocation?: string;
}

export interface SearchRegistryInput {
  /** MLflow filter syntax (mlflow-wire.md §3.4 for models, §3.5 for versions). */
  filter?: string;
  maxResults: number;
  orderBy?: string[];
  pageToken?: string;
}

/**
 * The model registry (mlflow-wire.md §1.3, §5). Names are exact and case-sensitive; versions
 * are decimal strings. Every method throws `CairnError`:
 * - RESOURCE_DOES_NOT_EXIST "Registered Model with name=<name> not found" for an unknown model,
 *   and "Model Version (name=<name>, version=<n>) not found" for an unknown or deleted version;
 * - RESOURCE_ALREADY_EXISTS "Registered Model (name=<name>) already exists." on create/rename;
 * - INVALID_PARAMETER_VALUE for bad input (stages, aliases, versions that are not integers).
 *
 * Versions are numbered max+1 over every version ever created (deleted ones included), so a
 * number is never reused. Deleting a version is a soft delete; deleting a model is a hard
 * delete of it and everything under it.
 *
 * Registry events (webhooks, mlflow-wire.md §1.8) are not fired here: a future wrapper around
 * this port is the place for them, so every backend emits the same events.
 */
export interface RegistryStore {
  /** Creates a model with no versions. */
  createRegisteredModel(input: CreateRegisteredModelInput): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  /** Renames the model and carries its versions, tags and aliases along in one transaction. */
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  updateRegisteredModel(name: string, description: string): Promise<RegisteredModel>;
  /** Hard-deletes the model, its versions, tags and aliases. */
  deleteRegisteredModel(name: string): Promise<void>;
  /**
   * Models ordered by `orderBy` (`name`, `timestamp`, `last_updated_timestamp`), then name.
   * Prompts (`mlflow.prompt.is_prompt = 'true'`) are left out unless the filter asks for them
   * (`= 'true'` or `!= 'false'` on that tag); other clauses on that tag are dropped, as in MLflow.
   *
   * @example
   * await registry.searchRegisteredModels({ filter: "name LIKE 'fraud-%'", maxResults: 100 });
   */
  searchRegisteredModels(input: SearchRegistryInput): Promise<PagedList<RegisteredModel>>;
  /** The highest live version per requested stage (case-insensitive), or per stage for all stages. */
  getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]>;
  /** Upserts a tag; the model's last-updated time moves. */
  setRegisteredModelTag(name: string, tag: Tag): Promise<void>;
  /** Deleting an absent key is not an error (as in MLflow); an unknown model is. */
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;

  /** Adds version max+1 with status READY and stage None; the model's last-updated time moves. */
  createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  updateModelVersion(name: string, version: string, description: string): Promise<ModelVersion>;
  /**
   * Moves a version to a stage (matched case-insensitively). With `archiveExistingVersions`,
   * only allowed into Staging or Production, the other versions in that stage become Archived.
   */
  transitionModelVersionStage(name: string, version: string, stage: string, archiveExistingVersions: boolean): Promise<ModelVersion>;
  /**
   * Soft delete: the stage becomes Deleted_Internal, source/run_id/run_link become the
   * REDACTED-* strings, description/user_id/status_message are cleared and the version's
   * aliases are removed. Tags are kept. The number is never reused.
   */
  deleteModelVersion(name: string, version: string): Promise<void>;
  /**
   * Versions ordered by `orderBy` (`name`, `version_number`, `creation_timestamp`,
   * `last_updated_timestamp`), then name ascending and version descending. Prompt versions are
   * left out unless the filter asks for them, as in `searchRegisteredModels`.
   */
  searchModelVersions(input: SearchRegistryInput): Promise<PagedList<ModelVersion>>;
  /** The version's storage location, or its source when none was resolved. */
  getModelVersionDownloadUri(name: string, version: string): Promise<string>;
  setModelVersionTag(name: string, version: string, tag: Tag): Promise<void>;
  /** Deleting an absent key is not an error; an unknown version is. */
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void>;

  /** Points `name@alias` at a live version (an upsert: an alias names one version). */
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>;
  /** Removing an alias that is not set is not an error; an unknown model is. */
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  /** Resolves `name@alias`; an unset alias gives INVALID_PARAMETER_VALUE as in MLflow. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;

  /** Releases connections (a no-op when the connection is shared with the tracking store). */
  close(): Promise<void>;
}
