import { api, type FileInfo } from "@cairn/core";
import { type HttpMethod, HttpTransport, type HttpTransportOptions, type RequestOptions } from "./http-transport.js";
import {
  experimentFromWire,
  list,
  loggedModelFromWire,
  metricFromWire,
  metricSeriesFromWire,
  metricSummaryFromWire,
  modelVersionFromWire,
  registeredModelFromWire,
  runFromWire,
} from "./wire-normalise.js";
import type { WireRequests, WireResponses } from "./wire-types.js";

type Json = Record<string, unknown>;
/** Options of one call: an AbortSignal, and a method other than the table's first (one it lists). */
export interface CallOptions extends RequestOptions {
  method?: HttpMethod;
}

type JsonOperation = api.TableOperationName;

/** Per-operation reshaping of the answer into core's entities (lists present, numbers decoded). */
const NORMALISE: { [N in JsonOperation]?: (out: Json) => WireResponses[N] } = {
  searchExperiments: (out) => ({ ...out, experiments: list<Json>(out["experiments"]).map(experimentFromWire) }),
  listExperiments: (out) => ({ ...out, experiments: list<Json>(out["experiments"]).map(experimentFromWire) }),
  getExperiment: (out) => ({ experiment: experimentFromWire(out["experiment"] as Json) }),
  getExperimentByName: (out) => ({ experiment: experimentFromWire(out["experiment"] as Json) }),
  searchDatasets: (out) => ({ dataset_summaries: list(out["dataset_summaries"]) }),
  createRun: (out) => ({ run: runFromWire(out["run"] as Json) }),
  getRun: (out) => ({ run: runFromWire(out["run"] as Json) }),
  searchRuns: (out) => ({ ...out, runs: list<Json>(out["runs"]).map(runFromWire) }),
  getMetricHistory: (out) => ({ ...out, metrics: list<Json>(out["metrics"]).map(metricFromWire) }),
  getMetricHistoryBulk: (out) => ({ metrics: list<Json>(out["metrics"]).map(metricFromWire) }),
  getMetricHistoryBulkInterval: (out) => ({ metrics: list<Json>(out["metrics"]).map(metricFromWire) }),
  listArtifacts: (out) => ({ ...out, files: list(out["files"]) }),
  getDownsampledMetric: (out) => ({ series: list<Json>(out["series"]).map(metricSeriesFromWire) }),
  getMetricSummaries: (out) => ({ summaries: list<Json>(out["summaries"]).map(metricSummaryFromWire) }),
  createRegisteredModel: (out) => ({ registered_model: registeredModelFromWire(out["registered_model"] as Json) }),
  renameRegisteredModel: (out) => ({ registered_model: registeredModelFromWire(out["registered_model"] as Json) }),
  updateRegisteredModel: (out) => ({ registered_model: registeredModelFromWire(out["registered_model"] as Json) }),
  getRegisteredModel: (out) => ({ registered_model: registeredModelFromWire(out["registered_model"] as Json) }),
  searchRegisteredModels: (out) => ({ ...out, registered_models: list<Json>(out["registered_models"]).map(registeredModelFromWire) }),
  getLatestVersions: (out) => ({ model_versions: list<Json>(out["model_versions"]).map(modelVersionFromWire) }),
  getModelVersionByAlias: (out) => ({ model_version: modelVersionFromWire(out["model_version"] as Json) }),
  createModelVersion: (out) => ({ model_version: modelVersionFromWire(out["model_version"] as Json) }),
  updateModelVersion: (out) => ({ model_version: modelVersionFromWire(out["model_version"] as Json) }),
  transitionModelVersionStage: (out) => ({ model_version: modelVersionFromWire(out["model_version"] as Json) }),
  getModelVersion: (out) => ({ model_version: modelVersionFromWire(out["model_version"] as Json) }),
  searchModelVersions: (out) => ({ ...out, model_versions: list<Json>(out["model_versions"]).map(modelVersionFromWire) }),
  listWebhooks: (out) => ({ ...out, webhooks: list(out["webhooks"]) }),
  listWebhookDeliveries: (out) => ({ ...out, deliveries: list(out["deliveries"]) }),
  createLoggedModel: (out) => ({ model: loggedModelFromWire(out["model"] as Json) }),
  getLoggedModel: (out) => ({ model: loggedModelFromWire(out["model"] as Json) }),
  finalizeLoggedModel: (out) => ({ model: loggedModelFromWire(out["model"] as Json) }),
  // MLflow answers the model; Cairn's server answers `{}`, so the model is optional here.
  setLoggedModelTags: (out) => (out["model"] ? { model: loggedModelFromWire(out["model"] as Json) } : {}),
  searchLoggedModels: (out) => ({ ...out, models: list<Json>(out["models"]).map(loggedModelFromWire) }),
};

/**
 * The typed low-level client: one method per REST operation of MLflow's tracking, registry and
 * artifact APIs, each sent with the method and path of core's operation table. Requests and
 * answers keep MLflow's snake_case; server errors come back as `CairnError` with MLflow's code.
 * Browser-safe (fetch only).
 *
 * @example
 * const client = new CairnRestClient({ baseUrl: "http://127.0.0.1:5000" });
 * const { experiment_id } = await client.createExperiment({ name: "demo" });
 * const { run } = await client.createRun({ experiment_id, run_name: "first" });
 * await client.logBatch({ run_id: run.info.run_id, metrics: [{ key: "loss", value: 0.5, timestamp: Date.now(), step: 0 }] });
 */
export class CairnRestClient {
  readonly http: HttpTransport;

  constructor(options: HttpTransportOptions | HttpTransport) {
    this.http = options instanceof HttpTransport ? options : new HttpTransport(options);
  }

  /** Any JSON operation by name, with the method and path from core's operation table. */
  async call<N extends JsonOperation>(name: N, request: WireRequests[N], options: CallOptions = {}): Promise<WireResponses[N]> {
    const operation = api.operation(name);
    const { method: asked, ...requestOptions } = options;
    if (asked && !operation.methods.includes(asked)) throw new Error(`${name} is not sent with ${asked}`);
    const method = asked ?? operation.methods[0] ?? "GET";
    const { path, rest } = fillPathParameters(operation.path, request as Json);
    const out = await this.http.request(method, `/api/2.0${path}`, { json: rest }, requestOptions);
    const normalise = NORMALISE[name] as ((out: Json) => WireResponses[N]) | undefined;
    return normalise ? normalise(out) : (out as WireResponses[N]);
  }

  // Experiments
  createExperiment(request: WireRequests["createExperiment"]) {
    return this.call("createExperiment", request);
  }
  searchExperiments(request: WireRequests["searchExperiments"]) {
    return this.call("searchExperiments", request);
  }
  listExperiments(request: WireRequests["listExperiments"]) {
    return this.call("listExperiments", request);
  }
  getExperiment(request: WireRequests["getExperiment"]) {
    return this.call("getExperiment", request);
  }
  getExperimentByName(request: WireRequests["getExperimentByName"]) {
    return this.call("getExperimentByName", request);
  }
  deleteExperiment(request: WireRequests["deleteExperiment"]) {
    return this.call("deleteExperiment", request);
  }
  restoreExperiment(request: WireRequests["restoreExperiment"]) {
    return this.call("restoreExperiment", request);
  }
  updateExperiment(request: WireRequests["updateExperiment"]) {
    return this.call("updateExperiment", request);
  }
  setExperimentTag(request: WireRequests["setExperimentTag"]) {
    return this.call("setExperimentTag", request);
  }
  deleteExperimentTag(request: WireRequests["deleteExperimentTag"]) {
    return this.call("deleteExperimentTag", request);
  }
  searchDatasets(request: WireRequests["searchDatasets"]) {
    return this.call("searchDatasets", request);
  }

  // Runs
  createRun(request: WireRequests["createRun"]) {
    return this.call("createRun", request);
  }
  updateRun(request: WireRequests["updateRun"]) {
    return this.call("updateRun", request);
  }
  deleteRun(request: WireRequests["deleteRun"]) {
    return this.call("deleteRun", request);
  }
  restoreRun(request: WireRequests["restoreRun"]) {
    return this.call("restoreRun", request);
  }
  getRun(request: WireRequests["getRun"]) {
    return this.call("getRun", request);
  }
  searchRuns(request: WireRequests["searchRuns"], options?: RequestOptions) {
    return this.call("searchRuns", request, options);
  }
  logMetric(request: WireRequests["logMetric"]) {
    return this.call("logMetric", request);
  }
  logParam(request: WireRequests["logParam"]) {
    return this.call("logParam", request);
  }
  setTag(request: WireRequests["setTag"]) {
    return this.call("setTag", request);
  }
  deleteTag(request: WireRequests["deleteTag"]) {
    return this.call("deleteTag", request);
  }
  logBatch(request: WireRequests["logBatch"]) {
    return this.call("logBatch", request);
  }
  logModel(request: WireRequests["logModel"]) {
    return this.call("logModel", request);
  }
  logInputs(request: WireRequests["logInputs"]) {
    return this.call("logInputs", request);
  }
  logOutputs(request: WireRequests["logOutputs"]) {
    return this.call("logOutputs", request);
  }

  // Metric histories
  getMetricHistory(request: WireRequests["getMetricHistory"]) {
    return this.call("getMetricHistory", request);
  }
  getMetricHistoryBulk(request: WireRequests["getMetricHistoryBulk"]) {
    return this.call("getMetricHistoryBulk", request);
  }
  getMetricHistoryBulkInterval(request: WireRequests["getMetricHistoryBulkInterval"]) {
    return this.call("getMetricHistoryBulkInterval", request);
  }

  // Artifacts (run listing, the UI's get-artifact, and the mlflow-artifacts proxy)
  listArtifacts(request: WireRequests["listArtifacts"]) {
    return this.call("listArtifacts", request);
  }
  /** A run artifact's bytes through `get-artifact` (the route MLflow's UI uses). */
  getArtifact(request: WireRequests["getArtifact"]): Promise<Uint8Array> {
    return this.http.requestBytes("GET", "/ajax-api/2.0/mlflow/get-artifact", { json: request });
  }
  /** One level of the proxy's artifact tree (`path` relative to the artifacts destination). */
  async listProxiedArtifacts(request: WireRequests["listProxiedArtifacts"]): Promise<{ files: FileInfo[] }> {
    const out = await this.http.request("GET", "/api/2.0/mlflow-artifacts/artifacts", { json: request });
    return { files: list(out["files"]) };
  }
  /** Uploads a file through the proxy (`mlflow-artifacts:/<path>`). */
  async uploadProxiedArtifact(path: string, bytes: Uint8Array): Promise<void> {
    await this.http.request("PUT", `/api/2.0/mlflow-artifacts/artifacts/${encodePath(path)}`, { bytes });
  }
  downloadProxiedArtifact(path: string): Promise<Uint8Array> {
    return this.http.requestBytes("GET", `/api/2.0/mlflow-artifacts/artifacts/${encodePath(path)}`, undefined);
  }
  async deleteProxiedArtifact(path: string): Promise<void> {
    await this.http.request("DELETE", `/api/2.0/mlflow-artifacts/artifacts/${encodePath(path)}`, undefined);
  }

  // Registered models
  createRegisteredModel(request: WireRequests["createRegisteredModel"]) {
    return this.call("createRegisteredModel", request);
  }
  renameRegisteredModel(request: WireRequests["renameRegisteredModel"]) {
    return this.call("renameRegisteredModel", request);
  }
  updateRegisteredModel(request: WireRequests["updateRegisteredModel"]) {
    return this.call("updateRegisteredModel", request);
  }
  deleteRegisteredModel(request: WireRequests["deleteRegisteredModel"]) {
    return this.call("deleteRegisteredModel", request);
  }
  getRegisteredModel(request: WireRequests["getRegisteredModel"]) {
    return this.call("getRegisteredModel", request);
  }
  searchRegisteredModels(request: WireRequests["searchRegisteredModels"]) {
    return this.call("searchRegisteredModels", request);
  }
  getLatestVersions(request: WireRequests["getLatestVersions"]) {
    return this.call("getLatestVersions", request);
  }
  setRegisteredModelTag(request: WireRequests["setRegisteredModelTag"]) {
    return this.call("setRegisteredModelTag", request);
  }
  deleteRegisteredModelTag(request: WireRequests["deleteRegisteredModelTag"]) {
    return this.call("deleteRegisteredModelTag", request);
  }
  setRegisteredModelAlias(request: WireRequests["setRegisteredModelAlias"]) {
    return this.call("setRegisteredModelAlias", request);
  }
  deleteRegisteredModelAlias(request: WireRequests["deleteRegisteredModelAlias"]) {
    return this.call("deleteRegisteredModelAlias", request);
  }
  getModelVersionByAlias(request: WireRequests["getModelVersionByAlias"]) {
    return this.call("getModelVersionByAlias", request);
  }

  // Model versions
  createModelVersion(request: WireRequests["createModelVersion"]) {
    return this.call("createModelVersion", request);
  }
  updateModelVersion(request: WireRequests["updateModelVersion"]) {
    return this.call("updateModelVersion", request);
  }
  transitionModelVersionStage(request: WireRequests["transitionModelVersionStage"]) {
    return this.call("transitionModelVersionStage", request);
  }
  deleteModelVersion(request: WireRequests["deleteModelVersion"]) {
    return this.call("deleteModelVersion", request);
  }
  getModelVersion(request: WireRequests["getModelVersion"]) {
    return this.call("getModelVersion", request);
  }
  searchModelVersions(request: WireRequests["searchModelVersions"]) {
    return this.call("searchModelVersions", request);
  }
  getModelVersionDownloadUri(request: WireRequests["getModelVersionDownloadUri"]) {
    return this.call("getModelVersionDownloadUri", request);
  }
  setModelVersionTag(request: WireRequests["setModelVersionTag"]) {
    return this.call("setModelVersionTag", request);
  }
  deleteModelVersionTag(request: WireRequests["deleteModelVersionTag"]) {
    return this.call("deleteModelVersionTag", request);
  }

  // Webhooks
  createWebhook(request: WireRequests["createWebhook"]) {
    return this.call("createWebhook", request);
  }
  listWebhooks(request: WireRequests["listWebhooks"]) {
    return this.call("listWebhooks", request);
  }
  getWebhook(request: WireRequests["getWebhook"]) {
    return this.call("getWebhook", request);
  }
  updateWebhook(request: WireRequests["updateWebhook"]) {
    return this.call("updateWebhook", request);
  }
  deleteWebhook(request: WireRequests["deleteWebhook"]) {
    return this.call("deleteWebhook", request);
  }
  testWebhook(request: WireRequests["testWebhook"]) {
    return this.call("testWebhook", request);
  }
  listWebhookDeliveries(request: WireRequests["listWebhookDeliveries"]) {
    return this.call("listWebhookDeliveries", request);
  }

  // Cairn extensions (charts and tables)
  getDownsampledMetric(request: WireRequests["getDownsampledMetric"], options?: RequestOptions) {
    return this.call("getDownsampledMetric", request, options);
  }
  /** Sent as POST: a table page asks about up to a few thousand runs, too many for a URL. */
  getMetricSummaries(request: WireRequests["getMetricSummaries"], options?: RequestOptions) {
    return this.call("getMetricSummaries", request, { ...options, method: "POST" });
  }

  // MLflow 3 logged models
  createLoggedModel(request: WireRequests["createLoggedModel"]) {
    return this.call("createLoggedModel", request);
  }
  searchLoggedModels(request: WireRequests["searchLoggedModels"]) {
    return this.call("searchLoggedModels", request);
  }
  getLoggedModel(request: WireRequests["getLoggedModel"]) {
    return this.call("getLoggedModel", request);
  }
  finalizeLoggedModel(request: WireRequests["finalizeLoggedModel"]) {
    return this.call("finalizeLoggedModel", request);
  }
  deleteLoggedModel(request: WireRequests["deleteLoggedModel"]) {
    return this.call("deleteLoggedModel", request);
  }
  setLoggedModelTags(request: WireRequests["setLoggedModelTags"]) {
    return this.call("setLoggedModelTags", request);
  }
  deleteLoggedModelTag(request: WireRequests["deleteLoggedModelTag"]) {
    return this.call("deleteLoggedModelTag", request);
  }
  logLoggedModelParams(request: WireRequests["logLoggedModelParams"]) {
    return this.call("logLoggedModelParams", request);
  }
  listLoggedModelArtifacts(request: WireRequests["listLoggedModelArtifacts"]) {
    return this.call("listLoggedModelArtifacts", request);
  }
}

/**
 * Moves the request's path parameters (`/logged-models/:model_id`) into the path, encoded, and
 * leaves the other fields for the query string or body.
 */
function fillPathParameters(template: string, request: Json): { path: string; rest: Json } {
  const rest: Json = { ...request };
  const path = template.replace(/:([a-z_]+)/g, (_match, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ""));
  });
  return { path, rest };
}

/** Percent-encodes each segment of a '/'-separated artifact path. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
