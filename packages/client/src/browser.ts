/**
 * @module @cairn/client (browser)
 * The browser build: the typed REST client and the run API over REST. No file system, no
 * database drivers, no journal (entries wait in memory while the server is away).
 */
import { LogPipeline, type LogPipelineOptions } from "./logging/log-pipeline.js";
import type { HttpTransportOptions } from "./rest/http-transport.js";
import { openRestBackend } from "./rest/open-rest-backend.js";
import { Cairn } from "./run/cairn.js";
import type { Platform } from "./run/platform.js";

export { CairnError, type ErrorCode } from "@cairn/core";
export type { ArtifactStore, Backend } from "./backend/backend.js";
export { LOG_BATCH_LIMITS, splitLogBatch } from "./logging/split-log-batch.js";
export { CairnRestClient, type CallOptions } from "./rest/cairn-rest-client.js";
export { HttpTransport, type HttpTransportOptions, type RequestOptions } from "./rest/http-transport.js";
export { openRestBackend } from "./rest/open-rest-backend.js";
export { RestArtifactStore } from "./rest/rest-artifact-store.js";
export { RestLoggedModelStore } from "./rest/rest-logged-model-store.js";
export { RestRegistryStore } from "./rest/rest-registry-store.js";
export { RestTrackingStore } from "./rest/rest-tracking-store.js";
export { RestWebhookStore } from "./rest/rest-webhook-store.js";
export { isTransient, TransientError } from "./rest/transient-error.js";
export type { WireRequests, WireResponses } from "./rest/wire-types.js";
export { ActiveRun, type MetricOptions, type StartRunOptions } from "./run/active-run.js";
export { Cairn } from "./run/cairn.js";
export { type DatasetInputOptions, datasetInput } from "./run/dataset-input.js";
export { MlflowConnector } from "./run/mlflow-connector.js";

const browserPlatform: Platform = {
  async readFile() {
    throw new Error("logArtifact(path) needs a file system: pass bytes and a name in the browser");
  },
  async listFiles() {
    throw new Error("logArtifacts(dir) needs a file system");
  },
  basename(path) {
    return path.slice(path.lastIndexOf("/") + 1);
  },
  provenanceTags() {
    return [{ key: "mlflow.source.type", value: "LOCAL" }];
  },
  systemMetricsByDefault() {
    return false;
  },
};

/**
 * A tracker for the browser, logging over REST to a Cairn server.
 *
 * @example
 * const cairn = createBrowserCairn({ baseUrl: "http://127.0.0.1:5000" });
 */
export function createBrowserCairn(options: HttpTransportOptions & Omit<LogPipelineOptions, "journal"> & { experiment?: string }): Cairn {
  const backend = openRestBackend(options);
  return new Cairn(backend, new LogPipeline(backend, options), browserPlatform, { experiment: options.experiment });
}
