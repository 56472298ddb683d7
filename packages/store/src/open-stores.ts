import type { LoggedModelStore, PurgeStore, RegistryStore, TrackingStore, WebhookStore } from "@cairn/core";
import { type OpenTrackingStoreOptions, openConnection } from "./open-tracking-store.js";
import { SqlRegistryStore } from "./sql/registry/sql-registry-store.js";
import { SqlTrackingStore } from "./sql/sql-tracking-store.js";
import { SqlWebhookStore } from "./sql/webhooks/sql-webhook-store.js";
import { validatedLoggedModelStore } from "./validated-logged-model-store.js";
import { validatedRegistryStore } from "./validated-registry-store.js";
import { validatedStore } from "./validated-store.js";
import { validatedWebhookStore } from "./validated-webhook-store.js";

/** Every store over one connection; closing `tracking` closes all. */
export interface Stores {
  tracking: TrackingStore;
  registry: RegistryStore;
  /** MLflow 3 logged models, in the tracking store's tables. */
  loggedModels: LoggedModelStore;
  webhooks: WebhookStore;
  /** Hard deletes for garbage collection, on the same connection (no validation wrapper: gc only). */
  purge: PurgeStore;
}

export interface OpenStoresOptions extends OpenTrackingStoreOptions {
  /** Encrypts webhook secrets at rest (`CAIRN_WEBHOOKS_SECRET_KEY`). */
  webhookSecretKey?: string;
}

/**
 * Opens the tracking store, logged models, the model registry and webhooks a backend URI
 * names, migrated, each wrapped in MLflow's limits, sharing one connection (one database holds
 * them all, as in MLflow).
 *
 * @example
 * const { tracking, registry } = await openStores("sqlite:///cairn.db", { defaultArtifactRoot: "mlflow-artifacts:/" });
 */
export async function openStores(uri: string, options: OpenStoresOptions): Promise<Stores> {
  const conn = await openConnection(uri);
  const sql = await SqlTrackingStore.open(conn, options);
  const tracking = validatedStore(sql);
  // The same object serves logged models; its close is the tracking store's, so this view's is a no-op.
  const loggedModels = validatedLoggedModelStore({ ...bindLoggedModels(sql), close: async () => {} });
  const registry = validatedRegistryStore(await SqlRegistryStore.open(conn, { ownsConnection: false }), tracking, loggedModels);
  const webhooks = validatedWebhookStore(
    await SqlWebhookStore.open(conn, {
      ownsConnection: false,
      ...(options.webhookSecretKey ? { secretKey: options.webhookSecretKey } : {}),
    }),
  );
  return { tracking, registry, loggedModels, webhooks, purge: sql };
}

/** The logged-model methods of the SQL store, bound, so they can be spread into a view. */
function bindLoggedModels(store: SqlTrackingStore): LoggedModelStore {
  return {
    createLoggedModel: (input) => store.createLoggedModel(input),
    getLoggedModel: (modelId) => store.getLoggedModel(modelId),
    finalizeLoggedModel: (modelId, status) => store.finalizeLoggedModel(modelId, status),
    deleteLoggedModel: (modelId) => store.deleteLoggedModel(modelId),
    searchLoggedModels: (input) => store.searchLoggedModels(input),
    setLoggedModelTags: (modelId, tags) => store.setLoggedModelTags(modelId, tags),
    deleteLoggedModelTag: (modelId, key) => store.deleteLoggedModelTag(modelId, key),
    logLoggedModelParams: (modelId, params) => store.logLoggedModelParams(modelId, params),
    logOutputs: (runId, models) => store.logOutputs(runId, models),
    close: () => store.close(),
  };
}
