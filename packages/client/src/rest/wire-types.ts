import type {
  api,
  DatasetInput,
  DatasetSummary,
  Experiment,
  FileInfo,
  KeyValue,
  LoggedModel,
  LoggedModelStatus,
  Metric,
  MetricSeries,
  MetricSummary,
  ModelVersion,
  RegisteredModel,
  Run,
  RunInfo,
  RunStatus,
  ViewType,
  Webhook,
  WebhookDeliveryAttempt,
  WebhookEvent,
  WebhookStatus,
} from "@cairn/core";

/**
 * The request and response bodies of every operation in core's wire contract
 * (tracking, registry, webhooks and logged models), in MLflow's snake_case. Field names
 * follow core's request specs (`api.requests`); the `satisfies` clauses below make the compiler
 * fail when an operation is added to core without a type here.
 */
type Page = { page_token?: string; max_results?: number };

export interface WireRequests {
  createExperiment: { name: string; artifact_location?: string; tags?: KeyValue[] };
  searchExperiments: Page & { filter?: string; order_by?: string[]; view_type?: ViewType };
  listExperiments: Page & { view_type?: ViewType };
  getExperiment: { experiment_id: string };
  getExperimentByName: { experiment_name: string };
  deleteExperiment: { experiment_id: string };
  restoreExperiment: { experiment_id: string };
  updateExperiment: { experiment_id: string; new_name: string };
  setExperimentTag: { experiment_id: string; key: string; value: string };
  deleteExperimentTag: { experiment_id: string; key: string };
  searchDatasets: { experiment_ids: string[] };
  createRun: { experiment_id?: string; user_id?: string; run_name?: string; start_time?: number; tags?: KeyValue[] };
  updateRun: { run_id: string; status?: RunStatus; end_time?: number; run_name?: string };
  deleteRun: { run_id: string };
  restoreRun: { run_id: string };
  getRun: { run_id: string };
  searchRuns: Page & { experiment_ids: string[]; filter?: string; run_view_type?: ViewType; order_by?: string[] };
  logMetric: {
    run_id: string;
    key: string;
    value: number;
    timestamp: number;
    step?: number;
    model_id?: string;
    dataset_name?: string;
    dataset_digest?: string;
  };
  logParam: { run_id: string; key: string; value: string };
  setTag: { run_id: string; key: string; value: string };
  deleteTag: { run_id: string; key: string };
  logBatch: { run_id: string; metrics?: Metric[]; params?: KeyValue[]; tags?: KeyValue[] };
  logModel: { run_id: string; model_json: string };
  logInputs: { run_id: string; datasets?: DatasetInput[]; models?: { model_id: string }[] };
  logOutputs: { run_id: string; models: { model_id: string; step: number }[] };
  getMetricHistory: Page & { run_id: string; metric_key: string };
  getMetricHistoryBulk: { run_id: string[]; metric_key: string; max_results?: number };
  getMetricHistoryBulkInterval: { run_ids: string[]; metric_key: string; start_step?: number; end_step?: number; max_results?: number };
  listArtifacts: { run_id: string; path?: string; page_token?: string };
  getArtifact: { run_id: string; path: string };
  listProxiedArtifacts: { path?: string };

  createRegisteredModel: { name: string; tags?: KeyValue[]; description?: string; deployment_job_id?: string };
  renameRegisteredModel: { name: string; new_name: string };
  updateRegisteredModel: { name: string; description?: string; deployment_job_id?: string };
  deleteRegisteredModel: { name: string };
  getRegisteredModel: { name: string };
  searchRegisteredModels: Page & { filter?: string; order_by?: string[] };
  getLatestVersions: { name: string; stages?: string[] };
  setRegisteredModelTag: { name: string; key: string; value: string };
  deleteRegisteredModelTag: { name: string; key: string };
  setRegisteredModelAlias: { name: string; alias: string; version: string };
  deleteRegisteredModelAlias: { name: string; alias: string };
  getModelVersionByAlias: { name: string; alias: string };
  createModelVersion: {
    name: string;
    source: string;
    run_id?: string;
    tags?: KeyValue[];
    run_link?: string;
    description?: string;
    model_id?: string;
  };
  updateModelVersion: { name: string; version: string; description?: string };
  transitionModelVersionStage: { name: string; version: string; stage: string; archive_existing_versions: boolean };
  deleteModelVersion: { name: string; version: string };
  getModelVersion: { name: string; version: string };
  searchModelVersions: Page & { filter?: string; order_by?: string[] };
  getModelVersionDownloadUri: { name: string; version: string };
  setModelVersionTag: { name: string; version: string; key: string; value: string };
  deleteModelVersionTag: { name: string; version: string; key: string };
  createWebhook: { name: string; url: string; events: WebhookEvent[]; description?: string; secret?: string; status?: WebhookStatus };
  listWebhooks: Page;
  getWebhook: { webhook_id: string };
  updateWebhook: {
    webhook_id: string;
    name?: string;
    description?: string;
    url?: string;
    events?: WebhookEvent[];
    secret?: string;
    status?: WebhookStatus;
  };
  deleteWebhook: { webhook_id: string };
  testWebhook: { webhook_id: string; event?: WebhookEvent };
  listWebhookDeliveries: Page & { webhook_id: string };
  createLoggedModel: {
    experiment_id: string;
    name?: string;
    model_type?: string;
    source_run_id?: string;
    params?: KeyValue[];
    tags?: KeyValue[];
  };
  searchLoggedModels: Page & {
    experiment_ids?: string[];
    filter?: string;
    datasets?: { dataset_name?: string; dataset_digest?: string }[];
    order_by?: { field_name: string; ascending?: boolean; dataset_name?: string; dataset_digest?: string }[];
  };
  getLoggedModel: { model_id: string };
  finalizeLoggedModel: { model_id: string; status: LoggedModelStatus };
  deleteLoggedModel: { model_id: string };
  setLoggedModelTags: { model_id: string; tags: KeyValue[] };
  deleteLoggedModelTag: { model_id: string; tag_key: string };
  logLoggedModelParams: { model_id: string; params: KeyValue[] };
  listLoggedModelArtifacts: { model_id: string; artifact_directory_path?: string; page_token?: string };
  getDownsampledMetric: { run_ids: string[]; key: string; buckets?: number; start_step?: number; end_step?: number };
  getMetricSummaries: { run_ids: string[] };
}

type Empty = Record<string, never>;

/** Response bodies, normalised: lists the wire omits when empty are always present. */
export interface WireResponses {
  createExperiment: { experiment_id: string };
  searchExperiments: { experiments: Experiment[]; next_page_token?: string };
  listExperiments: { experiments: Experiment[]; next_page_token?: string };
  getExperiment: { experiment: Experiment };
  getExperimentByName: { experiment: Experiment };
  deleteExperiment: Empty;
  restoreExperiment: Empty;
  updateExperiment: Empty;
  setExperimentTag: Empty;
  deleteExperimentTag: Empty;
  searchDatasets: { dataset_summaries: DatasetSummary[] };
  createRun: { run: Run };
  updateRun: { run_info: RunInfo };
  deleteRun: Empty;
  restoreRun: Empty;
  getRun: { run: Run };
  searchRuns: { runs: Run[]; next_page_token?: string };
  logMetric: Empty;
  logParam: Empty;
  setTag: Empty;
  deleteTag: Empty;
  logBatch: Empty;
  logModel: Empty;
  logInputs: Empty;
  logOutputs: Empty;
  getMetricHistory: { metrics: Metric[]; next_page_token?: string };
  getMetricHistoryBulk: { metrics: Metric[] };
  getMetricHistoryBulkInterval: { metrics: Metric[] };
  listArtifacts: { root_uri?: string; files: FileInfo[]; next_page_token?: string };
  getArtifact: Uint8Array;
  listProxiedArtifacts: { files: FileInfo[] };

  createRegisteredModel: { registered_model: RegisteredModel };
  renameRegisteredModel: { registered_model: RegisteredModel };
  updateRegisteredModel: { registered_model: RegisteredModel };
  deleteRegisteredModel: Empty;
  getRegisteredModel: { registered_model: RegisteredModel };
  searchRegisteredModels: { registered_models: RegisteredModel[]; next_page_token?: string };
  getLatestVersions: { model_versions: ModelVersion[] };
  setRegisteredModelTag: Empty;
  deleteRegisteredModelTag: Empty;
  setRegisteredModelAlias: Empty;
  deleteRegisteredModelAlias: Empty;
  getModelVersionByAlias: { model_version: ModelVersion };
  createModelVersion: { model_version: ModelVersion };
  updateModelVersion: { model_version: ModelVersion };
  transitionModelVersionStage: { model_version: ModelVersion };
  deleteModelVersion: Empty;
  getModelVersion: { model_version: ModelVersion };
  searchModelVersions: { model_versions: ModelVersion[]; next_page_token?: string };
  getModelVersionDownloadUri: { artifact_uri: string };
  setModelVersionTag: Empty;
  deleteModelVersionTag: Empty;
  createWebhook: { webhook: Webhook };
  listWebhooks: { webhooks: Webhook[]; next_page_token?: string };
  getWebhook: { webhook: Webhook };
  updateWebhook: { webhook: Webhook };
  deleteWebhook: Empty;
  testWebhook: { result: { success: boolean; response_status?: number; response_body?: string; error_message?: string } };
  listWebhookDeliveries: { deliveries: WebhookDeliveryAttempt[]; next_page_token?: string };
  createLoggedModel: { model: LoggedModel };
  searchLoggedModels: { models: LoggedModel[]; next_page_token?: string };
  getLoggedModel: { model: LoggedModel };
  finalizeLoggedModel: { model: LoggedModel };
  deleteLoggedModel: Empty;
  setLoggedModelTags: { model?: LoggedModel };
  deleteLoggedModelTag: Empty;
  logLoggedModelParams: Empty;
  listLoggedModelArtifacts: { root_uri?: string; files?: FileInfo[]; next_page_token?: string };
  getDownsampledMetric: { series: MetricSeries[] };
  getMetricSummaries: { summaries: MetricSummary[] };
}

// Compile-time checks: every operation of core's contract has a request and a response type,
// and every request field named here exists in core's request spec for that operation.
type SpecFields<N extends api.OperationName> = keyof (typeof api.requests)[N];
type KnownFields = { [N in api.OperationName]: Exclude<keyof WireRequests[N], SpecFields<N>> extends never ? true : false };
const _everyFieldInSpec: false extends KnownFields[api.OperationName] ? never : true = true;
const _everyOperationTyped: Record<api.OperationName, unknown> = {} as WireRequests & WireResponses;
void _everyFieldInSpec;
void _everyOperationTyped;

export type WireOperationName = api.OperationName;
