/**
 * @module @cairn/server
 * The HTTP server: MLflow's REST API, the artifact proxy, webhooks, health and version.
 */
export { ArtifactService } from "./artifacts/artifact-service.js";
export { type ExperimentStorage, experimentStorage } from "./artifacts/experiment-storage.js";
export { type CreateServerOptions, createServer } from "./create-server.js";
export type { GcSchedule } from "./gc/gc-schedule.js";
export { parseOlderThan } from "./gc/older-than.js";
export { type PurgeDependencies, type PurgeOptions, type PurgeReport, purgeDeleted } from "./gc/purge-deleted.js";
export { CAIRN_VERSION } from "./version.js";
export { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signWebhookPayload, TIMESTAMP_HEADER } from "./webhooks/signature.js";
export type { WebhookOptions } from "./webhooks/webhook-options.js";
