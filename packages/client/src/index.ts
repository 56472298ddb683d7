/**
 * @module @cairn/client
 * Cairn's TypeScript SDK for Node: the typed REST client, the run API with durable background
 * logging, model logging and loading. In-process stores live in `@cairn/client/local`, TF.js
 * integration in `@cairn/client/tfjs`, the test server in `@cairn/client/testing`.
 */
export { CairnError, type ErrorCode } from "@cairn/core";
export type { ArtifactStore, Backend } from "./backend/backend.js";
export { type OpenBackendOptions, openBackend } from "./backend/open-backend.js";
export { findProjectConfig, PROJECT_CONFIG_FILE, type ProjectConfig } from "./config/project-config.js";
export { type ResolvedTrackingUri, resolveTrackingUri, type TrackingUriSource } from "./config/resolve-tracking-uri.js";
export { FileJournal } from "./logging/file-journal.js";
export type { Journal, JournalSegment } from "./logging/journal.js";
export { LOCAL_RUN_ID_TAG, type LogEntry, PARENT_RUN_ID_TAG, type RunBinding } from "./logging/log-entry.js";
export { LogPipeline, type LogPipelineOptions } from "./logging/log-pipeline.js";
export { LOG_BATCH_LIMITS, splitLogBatch } from "./logging/split-log-batch.js";
export { loadModel, type ModelLocation, readMlModel, resolveModelUri } from "./models/load-model.js";
export { type LoggableModel, type LoggedModel, type LogModelOptions, logModel } from "./models/log-model.js";
export { MLFLOW_VERSION, mlModel, mlModelYaml, parseMlModel } from "./models/mlmodel.js";
export { type ModelUri, parseModelUri } from "./models/model-uri.js";
export { onnxFlavor } from "./models/onnx-flavor.js";
export { type RegisterModelOptions, registerModel } from "./models/register-model.js";
export { type TfjsModelArtifacts, type TfjsSavable, tfjsFlavor, tfjsLoadHandler } from "./models/tfjs-flavor.js";
export { type CreateCairnOptions, createCairn } from "./node/create-cairn.js";
export { registerExitHooks } from "./node/exit-hooks.js";
export { nodePlatform } from "./node/node-platform.js";
export { provenanceTags } from "./node/provenance-tags.js";
export { type SyncJournalOptions, type SyncReport, syncJournal } from "./node/sync-journal.js";
export { parseNvidiaSmi, SystemMetricsSampler } from "./node/system-metrics-sampler.js";
export { CairnRestClient, type CallOptions } from "./rest/cairn-rest-client.js";
export { type HttpMethod, HttpTransport, type HttpTransportOptions, type RequestOptions } from "./rest/http-transport.js";
export { openRestBackend } from "./rest/open-rest-backend.js";
export { RestArtifactStore } from "./rest/rest-artifact-store.js";
export { RestLoggedModelStore } from "./rest/rest-logged-model-store.js";
export { RestRegistryStore } from "./rest/rest-registry-store.js";
export { RestTrackingStore } from "./rest/rest-tracking-store.js";
export { RestWebhookStore } from "./rest/rest-webhook-store.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./rest/retry-policy.js";
export { isTransient, TransientError } from "./rest/transient-error.js";
export type { WireRequests, WireResponses } from "./rest/wire-types.js";
export { ActiveRun, type MetricOptions, type StartRunOptions } from "./run/active-run.js";
export { Cairn, type TrackerSettings } from "./run/cairn.js";
export { type DatasetInputOptions, datasetInput } from "./run/dataset-input.js";
export { MlflowConnector } from "./run/mlflow-connector.js";
export type { Platform } from "./run/platform.js";
