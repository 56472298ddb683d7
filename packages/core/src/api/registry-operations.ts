import { type Operation, op } from "./operation.js";

/**
 * The model registry operations (mlflow-wire.md §1.3). PATCH and DELETE carry JSON bodies;
 * `registered-models/alias` serves three operations at one path, one per method; and
 * get-latest-versions answers POST (what the Python client sends first) and GET.
 */
export const REGISTRY_OPERATIONS: readonly Operation[] = [
  op("createRegisteredModel", ["POST"], "/mlflow/registered-models/create"),
  op("renameRegisteredModel", ["POST"], "/mlflow/registered-models/rename"),
  op("updateRegisteredModel", ["PATCH"], "/mlflow/registered-models/update"),
  op("deleteRegisteredModel", ["DELETE"], "/mlflow/registered-models/delete"),
  op("getRegisteredModel", ["GET"], "/mlflow/registered-models/get"),
  op("searchRegisteredModels", ["GET"], "/mlflow/registered-models/search"),
  op("getLatestVersions", ["POST", "GET"], "/mlflow/registered-models/get-latest-versions"),
  op("setRegisteredModelTag", ["POST"], "/mlflow/registered-models/set-tag"),
  op("deleteRegisteredModelTag", ["DELETE"], "/mlflow/registered-models/delete-tag"),
  op("setRegisteredModelAlias", ["POST"], "/mlflow/registered-models/alias"),
  op("deleteRegisteredModelAlias", ["DELETE"], "/mlflow/registered-models/alias"),
  op("getModelVersionByAlias", ["GET"], "/mlflow/registered-models/alias"),
  op("createModelVersion", ["POST"], "/mlflow/model-versions/create"),
  op("updateModelVersion", ["PATCH"], "/mlflow/model-versions/update"),
  op("transitionModelVersionStage", ["POST"], "/mlflow/model-versions/transition-stage"),
  op("deleteModelVersion", ["DELETE"], "/mlflow/model-versions/delete"),
  op("getModelVersion", ["GET"], "/mlflow/model-versions/get"),
  op("searchModelVersions", ["GET"], "/mlflow/model-versions/search"),
  op("getModelVersionDownloadUri", ["GET"], "/mlflow/model-versions/get-download-uri"),
  op("setModelVersionTag", ["POST"], "/mlflow/model-versions/set-tag"),
  op("deleteModelVersionTag", ["DELETE"], "/mlflow/model-versions/delete-tag"),
];
