import {
  CairnError,
  type CreateModelVersionInput,
  type LoggedModelStore,
  PROMPT_TAG_KEY,
  type RegistryStore,
  type RunStore,
  validateModelVersionSource,
} from "@cairn/core";
import { appendToUri } from "./sql/artifact-uris.js";
import { versionNumber } from "./sql/registry/registry-errors.js";
import {
  REGISTRY_LIMITS,
  validateAlias,
  validateDescription,
  validateModelName,
  validateRegistryTag,
} from "./validation/registry-validators.js";
import { validateLength, validateMaxResults } from "./validation/validators.js";

/** What the wrapper needs from tracking: a run's artifact URI, for sources that name a run. */
export type RunLookup = Pick<RunStore, "getRun">;

/** What the wrapper needs from logged models: a model's artifact location and source run. */
export type LoggedModelLookup = Pick<LoggedModelStore, "getLoggedModel">;

/**
 * The literal `source` MLflow's prompt registry sends for every prompt version (`register_prompt`
 * in mlflow/store/model_registry/abstract_store.py: "Required field, but not used for prompts").
 * Only this exact string is let through, and only on a version tagged as a prompt: it names no
 * path, get-download-uri hands it back unread, and get-artifact serves proxy locations only, so
 * this is no validation bypass of the CVE-2026-2614/116690 kind.
 */
const PROMPT_PLACEHOLDER_SOURCE = "dummy-source";

/** `models:/<model_id>`: an MLflow 3 logged model, as opposed to `models:/<name>/<version>`. */
const LOGGED_MODEL_URI = /^models:\/(m-[0-9a-f]{32})\/?$/;

/**
 * Wraps a registry store so MLflow's limits and the source checks apply once, above every
 * backend. Everything is checked before the store is touched, so a rejected request writes
 * nothing. Sources go through `validateModelVersionSource` with no exception for prompts
 * (CVE-2026-2614/116690) beyond the fixed placeholder MLflow's prompt registry sends, and `runs:/`, `models:/<name>/<version>` and `models:/<model_id>`
 * sources are resolved to the storage location get-download-uri answers with. A version made
 * from a logged model (`model_id`, or a `models:/<model_id>` source) takes the model's source
 * run as its `run_id` when none is given.
 *
 * @example
 * const registry = validatedRegistryStore(await SqlRegistryStore.open(conn), trackingStore);
 */
export function validatedRegistryStore(store: RegistryStore, runs: RunLookup, loggedModels?: LoggedModelLookup): RegistryStore {
  const name = (value: string) => validateModelName(value);
  const version = (value: string) => {
    if (value === "") throw new CairnError("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'version'.");
    versionNumber(value);
  };

  const runArtifactUri = async (runId: string | undefined): Promise<string | undefined> => {
    if (!runId) return undefined;
    try {
      return (await runs.getRun(runId)).info.artifact_uri;
    } catch (error) {
      if (error instanceof CairnError && (error.code === "RESOURCE_DOES_NOT_EXIST" || error.code === "INVALID_PARAMETER_VALUE")) {
        return undefined;
      }
      throw error;
    }
  };

  /** Validates the source and resolves where its bytes are (MLflow's storage_location). */
  const resolveSource = async (input: CreateModelVersionInput): Promise<string | undefined> => {
    validateLength("Model version source", input.source, REGISTRY_LIMITS.sourceLength);
    const isPrompt = (input.tags ?? []).some((tag) => tag.key === PROMPT_TAG_KEY && tag.value.toLowerCase() === "true");
    if (isPrompt && input.source === PROMPT_PLACEHOLDER_SOURCE) return undefined;
    const runUri = await runArtifactUri(input.runId);
    const source = validateModelVersionSource(input.source, runUri === undefined ? {} : { runArtifactUri: runUri });
    switch (source.kind) {
      case "runs": {
        const run = await runs.getRun(source.runId);
        return source.path ? appendToUri(run.info.artifact_uri, source.path) : run.info.artifact_uri;
      }
      case "models": {
        const loggedModelId = LOGGED_MODEL_URI.exec(input.source)?.[1];
        if (loggedModelId !== undefined) {
          return loggedModels ? (await loggedModels.getLoggedModel(loggedModelId)).info.artifact_uri : undefined;
        }
        const reference = /^models:\/([^/@]+)(?:\/(\d+)|@([\w-]+))\/?$/.exec(input.source);
        const [, model, number, alias] = reference ?? [];
        if (model === undefined) return undefined;
        const target = alias === undefined ? number : (await store.getModelVersionByAlias(model, alias)).version;
        return target === undefined ? undefined : store.getModelVersionDownloadUri(model, target);
      }
      case "mlflow-artifacts":
      case "remote":
      case "run-local":
        return undefined;
    }
  };

  /**
   * The logged model a version comes from (its `model_id`, else a `models:/<model_id>` source)
   * must exist; the version then records it and defaults `run_id` to the model's source run.
   */
  const linkLoggedModel = async (input: CreateModelVersionInput): Promise<CreateModelVersionInput> => {
    const modelId = input.modelId || LOGGED_MODEL_URI.exec(input.source)?.[1];
    if (!modelId || !loggedModels) return input;
    const model = await loggedModels.getLoggedModel(modelId);
    const runId = input.runId || model.info.source_run_id;
    return { ...input, modelId, ...(runId ? { runId } : {}) };
  };

  return {
    async createRegisteredModel(input) {
      name(input.name);
      validateDescription("Registered model description", input.description);
      const tags = (input.tags ?? []).map((tag) => validateRegistryTag("Registered model", tag));
      return store.createRegisteredModel({ ...input, tags });
    },
    async getRegisteredModel(model) {
      name(model);
      return store.getRegisteredModel(model);
    },
    async renameRegisteredModel(model, newName) {
      name(model);
      validateModelName(newName, "new_name");
      return store.renameRegisteredModel(model, newName);
    },
    async updateRegisteredModel(model, description) {
      name(model);
      validateDescription("Registered model description", description);
      return store.updateRegisteredModel(model, description);
    },
    async deleteRegisteredModel(model) {
      name(model);
      return store.deleteRegisteredModel(model);
    },
    async searchRegisteredModels(input) {
      validateMaxResults(input.maxResults, REGISTRY_LIMITS.searchModelsMaxResults);
      return store.searchRegisteredModels(input);
    },
    async getLatestVersions(model, stages) {
      name(model);
      return store.getLatestVersions(model, stages);
    },
    async setRegisteredModelTag(model, tag) {
      name(model);
      return store.setRegisteredModelTag(model, validateRegistryTag("Registered model", tag));
    },
    async deleteRegisteredModelTag(model, key) {
      name(model);
      return store.deleteRegisteredModelTag(model, key);
    },
    async createModelVersion(input) {
      name(input.name);
      validateDescription("Model version description", input.description);
      if (input.runLink !== undefined) validateLength("Model version run_link", input.runLink, REGISTRY_LIMITS.runLinkLength);
      const tags = (input.tags ?? []).map((tag) => validateRegistryTag("Model version", tag));
      const linked = await linkLoggedModel(input);
      const storageLocation = await resolveSource(linked);
      return store.createModelVersion({ ...linked, tags, ...(storageLocation ? { storageLocation } : {}) });
    },
    async getModelVersion(model, number) {
      name(model);
      version(number);
      return store.getModelVersion(model, number);
    },
    async updateModelVersion(model, number, description) {
      name(model);
      version(number);
      validateDescription("Model version description", description);
      return store.updateModelVersion(model, number, description);
    },
    async transitionModelVersionStage(model, number, stage, archiveExistingVersions) {
      name(model);
      version(number);
      return store.transitionModelVersionStage(model, number, stage, archiveExistingVersions);
    },
    async deleteModelVersion(model, number) {
      name(model);
      version(number);
      return store.deleteModelVersion(model, number);
    },
    async searchModelVersions(input) {
      validateMaxResults(input.maxResults, REGISTRY_LIMITS.searchVersionsMaxResults);
      return store.searchModelVersions(input);
    },
    async getModelVersionDownloadUri(model, number) {
      name(model);
      version(number);
      return store.getModelVersionDownloadUri(model, number);
    },
    async setModelVersionTag(model, number, tag) {
      name(model);
      version(number);
      return store.setModelVersionTag(model, number, validateRegistryTag("Model version", tag));
    },
    async deleteModelVersionTag(model, number, key) {
      name(model);
      version(number);
      return store.deleteModelVersionTag(model, number, key);
    },
    async setRegisteredModelAlias(model, alias, number) {
      name(model);
      validateAlias(alias);
      version(number);
      return store.setRegisteredModelAlias(model, alias, number);
    },
    async deleteRegisteredModelAlias(model, alias) {
      name(model);
      validateAlias(alias);
      return store.deleteRegisteredModelAlias(model, alias);
    },
    async getModelVersionByAlias(model, alias) {
      name(model);
      return store.getModelVersionByAlias(model, alias);
    },
    close: async () => store.close(),
  };
}
