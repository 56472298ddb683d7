export {
  DEFAULT_EXPERIMENT_ID,
  DEFAULT_EXPERIMENT_NAME,
  type Experiment,
  type LifecycleStage,
} from "./experiment.js";
export type { FileInfo } from "./file-info.js";
export {
  LOGGED_MODEL_STATUSES,
  type LoggedModel,
  type LoggedModelData,
  type LoggedModelInfo,
  type LoggedModelRegistration,
  type LoggedModelStatus,
  MODEL_VERSIONS_TAG,
  type ModelInput,
  type ModelOutput,
} from "./logged-model.js";
export type { Metric } from "./metric.js";
export type { MetricSeries, MetricSummary } from "./metric-series.js";
export {
  ACTIVE_STAGES,
  canonicalStage,
  MODEL_VERSION_STAGES,
  MODEL_VERSION_STATUSES,
  type ModelVersion,
  type ModelVersionStage,
  type ModelVersionStatus,
  STAGE_DELETED_INTERNAL,
} from "./model-version.js";
export type { PagedList } from "./paged-list.js";
export { PROMPT_TAG_KEY, type RegisteredModel, type RegisteredModelAlias } from "./registered-model.js";
export {
  type Dataset,
  type DatasetInput,
  type DatasetSummary,
  RUN_STATUSES,
  type Run,
  type RunData,
  type RunInfo,
  type RunInputs,
  type RunOutputs,
  type RunStatus,
} from "./run.js";
export type { KeyValue, Param, Tag } from "./tag.js";
export { VIEW_TYPES, type ViewType } from "./view-type.js";
export {
  isValidWebhookEvent,
  VALID_WEBHOOK_EVENTS,
  WEBHOOK_ACTIONS,
  WEBHOOK_ENTITIES,
  WEBHOOK_STATUSES,
  type Webhook,
  type WebhookAction,
  type WebhookDeliveryAttempt,
  type WebhookEntity,
  type WebhookEvent,
  type WebhookStatus,
  webhookEventName,
} from "./webhook.js";
