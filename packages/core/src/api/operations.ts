import { CAIRN_OPERATIONS } from "./cairn-operations.js";
import { LOGGED_MODEL_OPERATIONS } from "./logged-model-operations.js";
import { type Operation, op, type TableOperationName } from "./operation.js";
import { REGISTRY_OPERATIONS } from "./registry-operations.js";
import { WEBHOOK_OPERATIONS } from "./webhook-operations.js";

/** The tracking operations (mlflow-wire.md §1.2, plus the legacy and UI-only routes of §1.11). */
export const TRACKING_OPERATIONS: readonly Operation[] = [
  op("createExperiment", ["POST"], "/mlflow/experiments/create"),
  op("searchExperiments", ["POST", "GET"], "/mlflow/experiments/search"),
  op("listExperiments", ["GET"], "/mlflow/experiments/list"),
  op("getExperiment", ["GET"], "/mlflow/experiments/get"),
  op("getExperimentByName", ["GET"], "/mlflow/experiments/get-by-name"),
  op("deleteExperiment", ["POST"], "/mlflow/experiments/delete"),
  op("restoreExperiment", ["POST"], "/mlflow/experiments/restore"),
  op("updateExperiment", ["POST"], "/mlflow/experiments/update"),
  op("setExperimentTag", ["POST"], "/mlflow/experiments/set-experiment-tag"),
  op("deleteExperimentTag", ["POST"], "/mlflow/experiments/delete-experiment-tag"),
  op("searchDatasets", ["POST"], "/mlflow/experiments/search-datasets"),
  op("createRun", ["POST"], "/mlflow/runs/create"),
  op("updateRun", ["POST"], "/mlflow/runs/update"),
  op("deleteRun", ["POST"], "/mlflow/runs/delete"),
  op("restoreRun", ["POST"], "/mlflow/runs/restore"),
  op("getRun", ["GET"], "/mlflow/runs/get"),
  op("searchRuns", ["POST"], "/mlflow/runs/search"),
  op("logMetric", ["POST"], "/mlflow/runs/log-metric"),
  op("logParam", ["POST"], "/mlflow/runs/log-parameter"),
  op("setTag", ["POST"], "/mlflow/runs/set-tag"),
  op("deleteTag", ["POST"], "/mlflow/runs/delete-tag"),
  op("logBatch", ["POST"], "/mlflow/runs/log-batch"),
  op("logModel", ["POST"], "/mlflow/runs/log-model"),
  op("logInputs", ["POST"], "/mlflow/runs/log-inputs"),
  op("logOutputs", ["POST"], "/mlflow/runs/outputs"),
  op("getMetricHistory", ["GET"], "/mlflow/metrics/get-history"),
  op("getMetricHistoryBulk", ["GET"], "/mlflow/metrics/get-history-bulk"),
  op("getMetricHistoryBulkInterval", ["GET"], "/mlflow/metrics/get-history-bulk-interval"),
  op("listArtifacts", ["GET"], "/mlflow/artifacts/list"),
];

/** Every operation the server serves: MLflow's tracking, registry, webhooks and logged models, and Cairn's extensions. */
export const ALL_OPERATIONS: readonly Operation[] = [
  ...TRACKING_OPERATIONS,
  ...REGISTRY_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...LOGGED_MODEL_OPERATIONS,
  ...CAIRN_OPERATIONS,
];

const BY_NAME = new Map(ALL_OPERATIONS.map((candidate) => [candidate.name, candidate]));

/** Look-up by name, for clients. */
export function operation(name: TableOperationName): Operation {
  const found = BY_NAME.get(name);
  if (!found) throw new Error(`unknown operation ${name}`);
  return found;
}
