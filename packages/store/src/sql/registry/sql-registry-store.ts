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
import type { SqlConnection } from "../capabilities.js";
import { migrate } from "../migrator.js";
import type { StoreContext } from "../store-context.js";
import * as aliases from "./aliases.js";
import * as versions from "./model-versions.js";
import * as models from "./registered-models.js";
import { searchModelVersions } from "./search-model-versions.js";
import { searchRegisteredModels } from "./search-registered-models.js";

/**
 * The one SQL implementation of `RegistryStore`, over the same connection (and database) as
 * the tracking store. Each method delegates to the module that owns it.
 */
export class SqlRegistryStore implements RegistryStore {
  readonly #ctx: StoreContext;
  readonly #ownsConnection: boolean;

  private constructor(ctx: StoreContext, ownsConnection: boolean) {
    this.#ctx = ctx;
    this.#ownsConnection = ownsConnection;
  }

  /**
   * Runs pending migrations and returns the store. With `ownsConnection: false` (the
   * connection is shared with a tracking store) `close` leaves the connection open.
   */
  static async open(conn: SqlConnection, options: { ownsConnection?: boolean } = {}): Promise<SqlRegistryStore> {
    await migrate(conn);
    return new SqlRegistryStore({ conn, defaultArtifactRoot: "" }, options.ownsConnection ?? true);
  }

  createRegisteredModel(input: CreateRegisteredModelInput): Promise<RegisteredModel> {
    return models.createRegisteredModel(this.#ctx, input);
  }
  getRegisteredModel(name: string): Promise<RegisteredModel> {
    return models.getRegisteredModel(this.#ctx, name);
  }
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    return models.renameRegisteredModel(this.#ctx, name, newName);
  }
  updateRegisteredModel(name: string, description: string): Promise<RegisteredModel> {
    return models.updateRegisteredModel(this.#ctx, name, description);
  }
  deleteRegisteredModel(name: string): Promise<void> {
    return models.deleteRegisteredModel(this.#ctx, name);
  }
  searchRegisteredModels(input: SearchRegistryInput): Promise<PagedList<RegisteredModel>> {
    return searchRegisteredModels(this.#ctx, input);
  }
  getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]> {
    return models.getLatestVersions(this.#ctx, name, stages);
  }
  setRegisteredModelTag(name: string, tag: Tag): Promise<void> {
    return models.setRegisteredModelTag(this.#ctx, name, tag);
  }
  deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    return models.deleteRegisteredModelTag(this.#ctx, name, key);
  }
  createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    return versions.createModelVersion(this.#ctx, input);
  }
  getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return versions.getModelVersion(this.#ctx, name, version);
  }
  updateModelVersion(name: string, version: string, description: string): Promise<ModelVersion> {
    return versions.updateModelVersion(this.#ctx, name, version, description);
  }
  transitionModelVersionStage(name: string, version: string, stage: string, archiveExistingVersions: boolean): Promise<ModelVersion> {
    return versions.transitionModelVersionStage(this.#ctx, name, version, stage, archiveExistingVersions);
  }
  deleteModelVersion(name: string, version: string): Promise<void> {
    return versions.deleteModelVersion(this.#ctx, name, version);
  }
  searchModelVersions(input: SearchRegistryInput): Promise<PagedList<ModelVersion>> {
    return searchModelVersions(this.#ctx, input);
  }
  getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    return versions.getModelVersionDownloadUri(this.#ctx, name, version);
  }
  setModelVersionTag(name: string, version: string, tag: Tag): Promise<void> {
    return versions.setModelVersionTag(this.#ctx, name, version, tag);
  }
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    return versions.deleteModelVersionTag(this.#ctx, name, version, key);
  }
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    return aliases.setRegisteredModelAlias(this.#ctx, name, alias, version);
  }
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    return aliases.deleteRegisteredModelAlias(this.#ctx, name, alias);
  }
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return aliases.getModelVersionByAlias(this.#ctx, name, alias);
  }
  async close(): Promise<void> {
    if (this.#ownsConnection) await this.#ctx.conn.close();
  }
}
