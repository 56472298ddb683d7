import type {
  CreateModelVersionInput,
  CreateRegisteredModelInput,
  ModelVersion,
  PagedList,
  RegisteredModel,
  RegistryStore,
  SearchRegistryInput,
  Tag,
} from "@cairn/core";
import type { CairnRestClient } from "./cairn-rest-client.js";

/**
 * Core's `RegistryStore` port over REST.
 *
 * @example
 * const registry = new RestRegistryStore(new CairnRestClient({ baseUrl }));
 * await registry.createRegisteredModel({ name: "fraud" });
 */
export class RestRegistryStore implements RegistryStore {
  readonly #client: CairnRestClient;

  constructor(client: CairnRestClient) {
    this.#client = client;
  }

  async createRegisteredModel(input: CreateRegisteredModelInput): Promise<RegisteredModel> {
    return (await this.#client.createRegisteredModel({ name: input.name, tags: input.tags, description: input.description }))
      .registered_model;
  }
  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    return (await this.#client.getRegisteredModel({ name })).registered_model;
  }
  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    return (await this.#client.renameRegisteredModel({ name, new_name: newName })).registered_model;
  }
  async updateRegisteredModel(name: string, description: string): Promise<RegisteredModel> {
    return (await this.#client.updateRegisteredModel({ name, description })).registered_model;
  }
  async deleteRegisteredModel(name: string): Promise<void> {
    await this.#client.deleteRegisteredModel({ name });
  }
  async searchRegisteredModels(input: SearchRegistryInput): Promise<PagedList<RegisteredModel>> {
    const out = await this.#client.searchRegisteredModels({
      filter: input.filter,
      max_results: input.maxResults,
      order_by: input.orderBy,
      page_token: input.pageToken,
    });
    return out.next_page_token ? { items: out.registered_models, next_page_token: out.next_page_token } : { items: out.registered_models };
  }
  async getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]> {
    return (await this.#client.getLatestVersions({ name, stages })).model_versions;
  }
  async setRegisteredModelTag(name: string, tag: Tag): Promise<void> {
    await this.#client.setRegisteredModelTag({ name, key: tag.key, value: tag.value });
  }
  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.#client.deleteRegisteredModelTag({ name, key });
  }
  async createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    const out = await this.#client.createModelVersion({
      name: input.name,
      source: input.source,
      run_id: input.runId,
      tags: input.tags,
      run_link: input.runLink,
      description: input.description,
      model_id: input.modelId,
    });
    return out.model_version;
  }
  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return (await this.#client.getModelVersion({ name, version })).model_version;
  }
  async updateModelVersion(name: string, version: string, description: string): Promise<ModelVersion> {
    return (await this.#client.updateModelVersion({ name, version, description })).model_version;
  }
  async transitionModelVersionStage(name: string, version: string, stage: string, archiveExistingVersions: boolean): Promise<ModelVersion> {
    const out = await this.#client.transitionModelVersionStage({
      name,
      version,
      stage,
      archive_existing_versions: archiveExistingVersions,
    });
    return out.model_version;
  }
  async deleteModelVersion(name: string, version: string): Promise<void> {
    await this.#client.deleteModelVersion({ name, version });
  }
  async searchModelVersions(input: SearchRegistryInput): Promise<PagedList<ModelVersion>> {
    const out = await this.#client.searchModelVersions({
      filter: input.filter,
      max_results: input.maxResults,
      order_by: input.orderBy,
      page_token: input.pageToken,
    });
    return out.next_page_token ? { items: out.model_versions, next_page_token: out.next_page_token } : { items: out.model_versions };
  }
  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    return (await this.#client.getModelVersionDownloadUri({ name, version })).artifact_uri;
  }
  async setModelVersionTag(name: string, version: string, tag: Tag): Promise<void> {
    await this.#client.setModelVersionTag({ name, version, key: tag.key, value: tag.value });
  }
  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    await this.#client.deleteModelVersionTag({ name, version, key });
  }
  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    await this.#client.setRegisteredModelAlias({ name, alias, version });
  }
  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    await this.#client.deleteRegisteredModelAlias({ name, alias });
  }
  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return (await this.#client.getModelVersionByAlias({ name, alias })).model_version;
  }
  async close(): Promise<void> {}
}
