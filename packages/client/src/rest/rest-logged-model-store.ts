import type {
  CreateLoggedModelInput,
  LoggedModel,
  LoggedModelStatus,
  LoggedModelStore,
  ModelOutput,
  PagedList,
  Param,
  SearchLoggedModelsInput,
  Tag,
} from "@cairn/core";
import type { CairnRestClient } from "./cairn-rest-client.js";

/**
 * Core's `LoggedModelStore` port (MLflow 3 logged models) over REST. The client fills the
 * `:model_id` and `:tag_key` path segments; answers come back as core's entities (empty lists
 * present, NaN metric values decoded).
 *
 * @example
 * const models = new RestLoggedModelStore(new CairnRestClient({ baseUrl }));
 * const model = await models.createLoggedModel({ experimentId: "1", name: "clf" });
 * await models.finalizeLoggedModel(model.info.model_id, "LOGGED_MODEL_READY");
 */
export class RestLoggedModelStore implements LoggedModelStore {
  readonly #client: CairnRestClient;

  constructor(client: CairnRestClient) {
    this.#client = client;
  }

  async createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    const out = await this.#client.createLoggedModel({
      experiment_id: input.experimentId,
      name: input.name,
      model_type: input.modelType,
      source_run_id: input.sourceRunId,
      params: input.params,
      tags: input.tags,
    });
    return out.model;
  }
  async getLoggedModel(modelId: string): Promise<LoggedModel> {
    return (await this.#client.getLoggedModel({ model_id: modelId })).model;
  }
  async finalizeLoggedModel(modelId: string, status: LoggedModelStatus): Promise<LoggedModel> {
    return (await this.#client.finalizeLoggedModel({ model_id: modelId, status })).model;
  }
  async deleteLoggedModel(modelId: string): Promise<void> {
    await this.#client.deleteLoggedModel({ model_id: modelId });
  }
  async searchLoggedModels(input: SearchLoggedModelsInput): Promise<PagedList<LoggedModel>> {
    const out = await this.#client.searchLoggedModels({
      experiment_ids: input.experimentIds,
      filter: input.filter,
      datasets: input.datasets,
      max_results: input.maxResults,
      order_by: input.orderBy,
      page_token: input.pageToken,
    });
    return out.next_page_token ? { items: out.models, next_page_token: out.next_page_token } : { items: out.models };
  }
  async setLoggedModelTags(modelId: string, tags: Tag[]): Promise<void> {
    await this.#client.setLoggedModelTags({ model_id: modelId, tags });
  }
  async deleteLoggedModelTag(modelId: string, key: string): Promise<void> {
    await this.#client.deleteLoggedModelTag({ model_id: modelId, tag_key: key });
  }
  async logLoggedModelParams(modelId: string, params: Param[]): Promise<void> {
    await this.#client.logLoggedModelParams({ model_id: modelId, params });
  }
  async logOutputs(runId: string, models: ModelOutput[]): Promise<void> {
    await this.#client.logOutputs({ run_id: runId, models });
  }
  /** Nothing to release: fetch keeps no handles the process must close. */
  async close(): Promise<void> {}
}
