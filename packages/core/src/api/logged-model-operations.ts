import { type Operation, op } from "./operation.js";

/**
 * The MLflow 3 logged-model operations (mlflow-wire.md §1.6). `:model_id` and `:tag_key` are
 * path parameters; PATCH and DELETE carry JSON bodies (or none) and skip the content-type check,
 * as in MLflow. The file download is a plain route (`logged-model-artifact-routes.ts`).
 */
export const LOGGED_MODEL_OPERATIONS: readonly Operation[] = [
  op("createLoggedModel", ["POST"], "/mlflow/logged-models"),
  op("searchLoggedModels", ["POST"], "/mlflow/logged-models/search"),
  op("getLoggedModel", ["GET"], "/mlflow/logged-models/:model_id"),
  op("finalizeLoggedModel", ["PATCH"], "/mlflow/logged-models/:model_id"),
  op("deleteLoggedModel", ["DELETE"], "/mlflow/logged-models/:model_id"),
  op("setLoggedModelTags", ["PATCH"], "/mlflow/logged-models/:model_id/tags"),
  op("deleteLoggedModelTag", ["DELETE"], "/mlflow/logged-models/:model_id/tags/:tag_key"),
  op("logLoggedModelParams", ["POST"], "/mlflow/logged-models/:model_id/params"),
  op("listLoggedModelArtifacts", ["GET"], "/mlflow/logged-models/:model_id/artifacts/directories"),
];
