import { invalidParameter, type LoggedModelStore, type ModelOutput, parseLoggedModelFilter, parseLoggedModelOrderBy } from "@cairn/core";
import { LOGGED_MODEL_LIMITS, validateLoggedModelEntry, validateLoggedModelName } from "./validation/logged-model-validators.js";
import { missingParameter } from "./validation/missing-parameter.js";
import { validateLength, validateMaxResults, validateRunId } from "./validation/validators.js";

/**
 * Wraps a logged-model store so MLflow's checks apply once, above every backend. Everything is
 * checked before the store is touched, so a rejected request writes nothing.
 *
 * @example
 * const loggedModels = validatedLoggedModelStore(await SqlTrackingStore.open(conn, opts));
 */
export function validatedLoggedModelStore(store: LoggedModelStore): LoggedModelStore {
  const modelId = (id: string) => {
    if (id === "") throw missingParameter("model_id");
  };
  return {
    async createLoggedModel(input) {
      if (input.experimentId === "") throw missingParameter("experiment_id");
      validateLoggedModelName(input.name);
      if (input.modelType !== undefined) validateLength("Model type", input.modelType, LOGGED_MODEL_LIMITS.modelTypeLength);
      if (input.sourceRunId) validateRunId(input.sourceRunId);
      const params = (input.params ?? []).map((param) => validateLoggedModelEntry("param", param, "params"));
      const tags = (input.tags ?? []).map((tag) => validateLoggedModelEntry("tag", tag, "tags"));
      return store.createLoggedModel({ ...input, params, tags });
    },
    async getLoggedModel(id) {
      modelId(id);
      return store.getLoggedModel(id);
    },
    async finalizeLoggedModel(id, status) {
      modelId(id);
      return store.finalizeLoggedModel(id, status);
    },
    async deleteLoggedModel(id) {
      modelId(id);
      return store.deleteLoggedModel(id);
    },
    async searchLoggedModels(input) {
      if (input.experimentIds.length === 0) throw missingParameter("experiment_ids");
      if (input.experimentIds.length > LOGGED_MODEL_LIMITS.searchMaxExperiments) {
        throw invalidParameter(
          `search-logged-models takes at most ${LOGGED_MODEL_LIMITS.searchMaxExperiments} experiment ids; got ${input.experimentIds.length}.`,
        );
      }
      validateMaxResults(input.maxResults, LOGGED_MODEL_LIMITS.searchMaxResults);
      for (const dataset of input.datasets ?? []) {
        if (!dataset.dataset_name) throw invalidParameter("`dataset_name` in the `datasets` clause must be specified.");
        validateLength("Dataset name", dataset.dataset_name, LOGGED_MODEL_LIMITS.datasetNameLength);
        validateLength("Dataset digest", dataset.dataset_digest ?? "", LOGGED_MODEL_LIMITS.datasetDigestLength);
      }
      for (const order of input.orderBy ?? []) {
        if (!order.field_name) throw missingParameter("order_by.field_name");
        if (order.dataset_digest && !order.dataset_name) {
          throw invalidParameter(
            `\`dataset_digest\` may only be set in order_by together with \`dataset_name\` (field '${order.field_name}').`,
          );
        }
      }
      // Parsed here too so a bad filter or order is refused before any page token is read.
      parseLoggedModelFilter(input.filter);
      parseLoggedModelOrderBy(input.orderBy ?? []);
      return store.searchLoggedModels(input);
    },
    async setLoggedModelTags(id, tags) {
      modelId(id);
      return store.setLoggedModelTags(
        id,
        tags.map((tag) => validateLoggedModelEntry("tag", tag, "tags")),
      );
    },
    async deleteLoggedModelTag(id, key) {
      modelId(id);
      if (key === "") throw missingParameter("tag_key");
      return store.deleteLoggedModelTag(id, key);
    },
    async logLoggedModelParams(id, params) {
      modelId(id);
      const seen = new Set<string>();
      for (const param of params) {
        validateLoggedModelEntry("param", param, "params");
        if (seen.has(param.key)) {
          throw invalidParameter(
            `Duplicate parameter keys have been submitted: ['${param.key}']. Please ensure the request contains only one param value per param key.`,
          );
        }
        seen.add(param.key);
      }
      return store.logLoggedModelParams(id, params);
    },
    async logOutputs(runId, models: ModelOutput[]) {
      validateRunId(runId);
      models.forEach((model, index) => {
        if (!model.model_id) throw missingParameter(`models[${index}].model_id`);
        if (!Number.isSafeInteger(model.step))
          throw invalidParameter(`Invalid value ${model.step} for parameter 'models[${index}].step' supplied.`);
      });
      return store.logOutputs(runId, models);
    },
    close: async () => store.close(),
  };
}
