import type { ModelInput } from "../entities/logged-model.js";
import type { Metric } from "../entities/metric.js";
import type { PagedList } from "../entities/paged-list.js";
import type { DatasetInput, Run, RunInfo, RunStatus } from "../entities/run.js";
import type { Param, Tag } from "../entities/tag.js";
import type { ViewType } from "../entities/view-type.js";

export interface CreateRunInput {
  experimentId: string;
  userId?: string;
  runName?: string;
  /** Milliseconds since the epoch; defaults to now. */
  startTime?: number;
  tags?: Tag[];
}

export interface UpdateRunInput {
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

export interface SearchRunsInput {
  experimentIds: string[];
  /** MLflow filter syntax, see `@cairn/core` search. */
  filter?: string;
  runViewType: ViewType;
  maxResults: number;
  orderBy?: string[];
  pageToken?: string;
}

export interface LogBatchInput {
  metrics?: Metric[];
  params?: Param[];
  tags?: Tag[];
}

/**
 * Runs and what is logged to them. Every method throws `CairnError`:
 * - RESOURCE_DOES_NOT_EXIST for an unknown run ("Run with id=<id> not found");
 * - INVALID_PARAMETER_VALUE for writes to a run (or its experiment) that is not active,
 *   and for a param re-logged with a different value.
 *
 * Writes are idempotent, because MLflow clients retry on 5xx: an exact duplicate metric is
 * ignored and a param re-logged with the same value is a no-op. A batch is all or nothing.
 */
export interface RunStore {
  /** Creates a RUNNING run; its name comes from `runName`, else the `mlflow.runName` tag, else a generated one. */
  createRun(input: CreateRunInput): Promise<Run>;
  updateRun(runId: string, input: UpdateRunInput): Promise<RunInfo>;
  getRun(runId: string): Promise<Run>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  searchRuns(input: SearchRunsInput): Promise<PagedList<Run>>;
  /** Params first, then metrics, then tags, in one transaction; `latest_metrics` follows in it. */
  logBatch(runId: string, input: LogBatchInput): Promise<void>;
  /** Deleting a tag that does not exist gives RESOURCE_DOES_NOT_EXIST. */
  deleteTag(runId: string, key: string): Promise<void>;
  /**
   * Records dataset inputs (a dataset is de-duplicated per experiment by (name, digest)) and
   * logged-model inputs (MODEL → RUN edges; each model must exist), all or nothing.
   */
  logInputs(runId: string, datasets: DatasetInput[], models?: ModelInput[]): Promise<void>;
  /**
   * Appends a logged model's summary (the MLmodel fields as a JSON object) to the run's
   * `mlflow.log-model.history` tag, atomically. The tag stays a valid JSON list within the
   * tag length limit: the oldest entries give way when it would overflow.
   */
  recordLoggedModel(runId: string, model: Record<string, unknown>): Promise<void>;
}
