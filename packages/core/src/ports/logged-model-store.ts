import type { LoggedModel, LoggedModelStatus, ModelOutput } from "../entities/logged-model.js";
import type { PagedList } from "../entities/paged-list.js";
import type { Param, Tag } from "../entities/tag.js";
import type { LoggedModelOrderBy } from "../filter/logged-model-filter.js";

export interface CreateLoggedModelInput {
  experimentId: string;
  /** Absent: a random "adjective-noun-number" name, as for runs. */
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params?: Param[];
  tags?: Tag[];
}

/** Restricts metric filters (and, with no metric filter, the models) to metrics on these datasets. */
export interface LoggedModelDatasetFilter {
  dataset_name: string;
  dataset_digest?: string;
}

export interface SearchLoggedModelsInput {
  experimentIds: string[];
  /** `SearchLoggedModelsUtils` grammar: attributes, `metrics.`, `params.`, `tags.`. */
  filter?: string;
  datasets?: LoggedModelDatasetFilter[];
  maxResults: number;
  orderBy?: LoggedModelOrderBy[];
  pageToken?: string;
}

/**
 * MLflow 3 logged models (mlflow-wire.md §1.6) and the run → model output edges. Every method
 * throws `CairnError`: RESOURCE_DOES_NOT_EXIST "Logged model with ID '<id>' not found." for an
 * unknown or deleted model, INVALID_PARAMETER_VALUE for bad input and for writes into an
 * experiment that is not active.
 *
 * Metrics reach a model through the run store's `logBatch` with `model_id` set; they are read
 * back here as `data.metrics`. Registrations are recorded by the registry in the
 * `mlflow.modelVersions` tag and read back as `info.registrations`.
 *
 * @example
 * const model = await store.createLoggedModel({ experimentId: "1", name: "clf", sourceRunId: runId });
 * await store.finalizeLoggedModel(model.info.model_id, "LOGGED_MODEL_READY");
 */
export interface LoggedModelStore {
  /** A PENDING model with id `m-<32 hex>` in an active experiment. */
  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel>;
  getLoggedModel(modelId: string): Promise<LoggedModel>;
  /** Sets the status; the last-updated time moves. */
  finalizeLoggedModel(modelId: string, status: LoggedModelStatus): Promise<LoggedModel>;
  /** A soft delete: the model disappears from get and search. */
  deleteLoggedModel(modelId: string): Promise<void>;
  /**
   * Models of the experiments, deleted ones excluded, ordered by `orderBy` then newest first.
   * Page tokens carry the experiments, filter and order they were made for (MLflow's format);
   * a token used with different ones is refused.
   */
  searchLoggedModels(input: SearchLoggedModelsInput): Promise<PagedList<LoggedModel>>;
  /** Upserts tags. */
  setLoggedModelTags(modelId: string, tags: Tag[]): Promise<void>;
  /** An absent key gives RESOURCE_DOES_NOT_EXIST, as in MLflow. */
  deleteLoggedModelTag(modelId: string, key: string): Promise<void>;
  /** Params are write-once per key: the same value again is a no-op, another value is refused. */
  logLoggedModelParams(modelId: string, params: Param[]): Promise<void>;
  /** Records RUN → MODEL output edges of an active run; logging one again is a no-op. */
  logOutputs(runId: string, models: ModelOutput[]): Promise<void>;
  /** Releases connections (a no-op when shared with the tracking store). */
  close(): Promise<void>;
}
