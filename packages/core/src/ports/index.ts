export type {
  ArtifactContent,
  ArtifactRepository,
  MultipartUploadCredential,
  MultipartUploadPart,
  MultipartUploads,
  PresignedDownload,
} from "./artifact-repository.js";
export type { CreateExperimentInput, ExperimentStore, SearchExperimentsInput } from "./experiment-store.js";
export type {
  CreateLoggedModelInput,
  LoggedModelDatasetFilter,
  LoggedModelStore,
  SearchLoggedModelsInput,
} from "./logged-model-store.js";
export type { BulkIntervalInput, MetricHistoryInput, MetricStore } from "./metric-store.js";
export type { DownsampleInput, MetricViewStore } from "./metric-view-store.js";
export type { DeletedExperiment, DeletedRun, ModelVersionReference, PurgeStore } from "./purge-store.js";
export type { CreateModelVersionInput, CreateRegisteredModelInput, RegistryStore, SearchRegistryInput } from "./registry-store.js";
export type { CreateRunInput, LogBatchInput, RunStore, SearchRunsInput, UpdateRunInput } from "./run-store.js";
export type { TrackingStore } from "./tracking-store.js";
export type { CreateWebhookInput, PageInput, UpdateWebhookInput, WebhookStore, WebhookTarget } from "./webhook-store.js";
