import { LOGGED_MODEL_STATUSES } from "../entities/logged-model.js";
import { bool, enumOf, int32, type MessageSpec, messageList, str, strList } from "./field-spec.js";

/**
 * Request messages of the logged-model rpcs of `service.proto` (mlflow-wire.md §1.6). `model_id`
 * and `tag_key` also arrive as path parameters, which win over the body.
 */

const keyValue: MessageSpec = { key: str(), value: str() };

export const loggedModelRequests = {
  createLoggedModel: {
    experiment_id: str(true),
    name: str(),
    model_type: str(),
    source_run_id: str(),
    params: messageList(keyValue),
    tags: messageList(keyValue),
  },
  getLoggedModel: { model_id: str(true) },
  // The enum's numbers are 1..3 after UNSPECIFIED, so `status: 2` reads as READY.
  finalizeLoggedModel: { model_id: str(true), status: enumOf(LOGGED_MODEL_STATUSES, true) },
  deleteLoggedModel: { model_id: str(true) },
  searchLoggedModels: {
    experiment_ids: strList(),
    filter: str(),
    datasets: messageList({ dataset_name: str(), dataset_digest: str() }),
    max_results: int32(),
    order_by: messageList({ field_name: str(), ascending: bool(), dataset_name: str(), dataset_digest: str() }),
    page_token: str(),
  },
  setLoggedModelTags: { model_id: str(true), tags: messageList(keyValue) },
  deleteLoggedModelTag: { model_id: str(true), tag_key: str(true) },
  logLoggedModelParams: { model_id: str(true), params: messageList(keyValue) },
  listLoggedModelArtifacts: { model_id: str(true), artifact_directory_path: str(), page_token: str() },
} satisfies Record<string, MessageSpec>;
