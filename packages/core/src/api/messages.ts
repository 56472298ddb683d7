import { RUN_STATUSES } from "../entities/run.js";
import { VIEW_TYPES } from "../entities/view-type.js";
import { cairnRequests } from "./cairn-messages.js";
import { double, enumOf, int32, int64, type MessageSpec, message, messageList, str, strList } from "./field-spec.js";
import { loggedModelRequests } from "./logged-model-messages.js";
import { registryRequests } from "./registry-messages.js";
import { webhookRequests } from "./webhook-messages.js";

/** Request messages of `service.proto` (tracking), as far as the server reads them. */

const keyValue: MessageSpec = { key: str(), value: str() };

const metric: MessageSpec = {
  key: str(),
  value: double(),
  timestamp: int64(),
  step: int64(),
  model_id: str(),
  dataset_name: str(),
  dataset_digest: str(),
};

const dataset: MessageSpec = {
  name: str(),
  digest: str(),
  source_type: str(),
  source: str(),
  schema: str(),
  profile: str(),
};

const datasetInput: MessageSpec = { tags: messageList(keyValue), dataset: message(dataset) };

const trackingRequests = {
  createExperiment: { name: str(true), artifact_location: str(), tags: messageList(keyValue) },
  searchExperiments: {
    max_results: int64(),
    page_token: str(),
    filter: str(),
    order_by: strList(),
    view_type: enumOf(VIEW_TYPES),
  },
  listExperiments: { view_type: enumOf(VIEW_TYPES), max_results: int64(), page_token: str() },
  getExperiment: { experiment_id: str(true) },
  getExperimentByName: { experiment_name: str(true) },
  deleteExperiment: { experiment_id: str(true) },
  restoreExperiment: { experiment_id: str(true) },
  updateExperiment: { experiment_id: str(true), new_name: str(true) },
  setExperimentTag: { experiment_id: str(true), key: str(true), value: str() },
  deleteExperimentTag: { experiment_id: str(true), key: str(true) },
  createRun: {
    experiment_id: str(),
    user_id: str(),
    run_name: str(),
    start_time: int64(),
    tags: messageList(keyValue),
  },
  updateRun: {
    run_id: str(true),
    run_uuid: str(),
    status: enumOf(RUN_STATUSES),
    end_time: int64(),
    run_name: str(),
  },
  deleteRun: { run_id: str(true) },
  restoreRun: { run_id: str(true) },
  getRun: { run_id: str(true), run_uuid: str() },
  searchRuns: {
    experiment_ids: strList(),
    filter: str(),
    run_view_type: enumOf(VIEW_TYPES),
    max_results: int32(),
    order_by: strList(),
    page_token: str(),
  },
  logMetric: {
    run_id: str(true),
    run_uuid: str(),
    key: str(true),
    value: double(true),
    timestamp: int64(true),
    step: int64(),
    model_id: str(),
    dataset_name: str(),
    dataset_digest: str(),
  },
  logParam: { run_id: str(true), run_uuid: str(), key: str(true), value: str() },
  setTag: { run_id: str(true), run_uuid: str(), key: str(true), value: str() },
  deleteTag: { run_id: str(true), key: str(true) },
  logBatch: {
    run_id: str(true),
    metrics: messageList(metric),
    params: messageList(keyValue),
    tags: messageList(keyValue),
  },
  logModel: { run_id: str(true), model_json: str(true) },
  logInputs: {
    run_id: str(true),
    datasets: messageList(datasetInput),
    models: messageList({ model_id: str() }),
  },
  logOutputs: { run_id: str(true), models: messageList({ model_id: str(), step: int64() }) },
  getMetricHistory: {
    run_id: str(true),
    run_uuid: str(),
    metric_key: str(true),
    page_token: str(),
    max_results: int32(),
  },
  getMetricHistoryBulk: { run_id: strList(), metric_key: str(true), max_results: int32() },
  getMetricHistoryBulkInterval: {
    run_ids: strList(),
    metric_key: str(true),
    start_step: int64(),
    end_step: int64(),
    max_results: int32(),
  },
  listArtifacts: { run_id: str(), run_uuid: str(), path: str(), page_token: str() },
  searchDatasets: { experiment_ids: strList() },
  getArtifact: { run_id: str(), run_uuid: str(), path: str() },
  listProxiedArtifacts: { path: str() },
} satisfies Record<string, MessageSpec>;

/** Every request message the server reads (tracking, registry, webhooks, logged models), by operation name. */
export const requests = {
  ...trackingRequests,
  ...registryRequests,
  ...webhookRequests,
  ...loggedModelRequests,
  ...cairnRequests,
} satisfies Record<string, MessageSpec>;
