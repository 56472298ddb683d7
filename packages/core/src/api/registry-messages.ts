import { bool, int64, type MessageSpec, messageList, str, strList } from "./field-spec.js";

/** Request messages of `model_registry.proto` (mlflow-wire.md §1.3), as far as the server reads them. */

const keyValue: MessageSpec = { key: str(), value: str() };

const search: MessageSpec = { filter: str(), max_results: int64(), order_by: strList(), page_token: str() };

export const registryRequests = {
  createRegisteredModel: { name: str(true), tags: messageList(keyValue), description: str(), deployment_job_id: str() },
  renameRegisteredModel: { name: str(true), new_name: str() },
  updateRegisteredModel: { name: str(true), description: str(), deployment_job_id: str() },
  deleteRegisteredModel: { name: str(true) },
  getRegisteredModel: { name: str(true) },
  searchRegisteredModels: search,
  getLatestVersions: { name: str(true), stages: strList() },
  // MLflow only type-checks `value`: an empty tag value is allowed.
  setRegisteredModelTag: { name: str(true), key: str(true), value: str() },
  deleteRegisteredModelTag: { name: str(true), key: str(true) },
  setRegisteredModelAlias: { name: str(true), alias: str(true), version: str(true) },
  deleteRegisteredModelAlias: { name: str(true), alias: str(true) },
  getModelVersionByAlias: { name: str(true), alias: str(true) },
  createModelVersion: {
    name: str(true),
    source: str(true),
    run_id: str(),
    tags: messageList(keyValue),
    run_link: str(),
    description: str(),
    model_id: str(),
  },
  updateModelVersion: { name: str(true), version: str(true), description: str() },
  transitionModelVersionStage: { name: str(true), version: str(true), stage: str(true), archive_existing_versions: bool(true) },
  deleteModelVersion: { name: str(true), version: str(true) },
  getModelVersion: { name: str(true), version: str(true) },
  searchModelVersions: search,
  getModelVersionDownloadUri: { name: str(true), version: str(true) },
  setModelVersionTag: { name: str(true), version: str(true), key: str(true), value: str() },
  deleteModelVersionTag: { name: str(true), version: str(true), key: str(true) },
} satisfies Record<string, MessageSpec>;
