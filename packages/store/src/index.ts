/**
 * @module @cairn/store
 * Cairn's tracking store, model registry and webhooks: one Kysely implementation for SQLite and PostgreSQL, migrations,
 * and the validating wrapper that applies MLflow's limits above every backend.
 */
export { type BackendLocation, parseBackendUri } from "./backend-uri.js";
export { type OpenStoresOptions, openStores, type Stores } from "./open-stores.js";
export { type OpenTrackingStoreOptions, openConnection, openTrackingStore } from "./open-tracking-store.js";
export type { SqlConnection } from "./sql/capabilities.js";
export { migrate } from "./sql/migrator.js";
export { SqlRegistryStore } from "./sql/registry/sql-registry-store.js";
export { SqlTrackingStore } from "./sql/sql-tracking-store.js";
export { SqlWebhookStore, type SqlWebhookStoreOptions } from "./sql/webhooks/sql-webhook-store.js";
export { validatedLoggedModelStore } from "./validated-logged-model-store.js";
export { type LoggedModelLookup, type RunLookup, validatedRegistryStore } from "./validated-registry-store.js";
export { validatedStore } from "./validated-store.js";
export { validatedWebhookStore } from "./validated-webhook-store.js";
