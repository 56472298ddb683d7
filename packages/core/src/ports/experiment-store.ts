import type { Experiment } from "../entities/experiment.js";
import type { PagedList } from "../entities/paged-list.js";
import type { DatasetSummary } from "../entities/run.js";
import type { Tag } from "../entities/tag.js";
import type { ViewType } from "../entities/view-type.js";

export interface CreateExperimentInput {
  name: string;
  /** Absent: the store derives `<default artifact root>/<experiment_id>`. */
  artifactLocation?: string;
  tags?: Tag[];
}

export interface SearchExperimentsInput {
  viewType: ViewType;
  maxResults: number;
  /** MLflow filter syntax (attributes `name`, `creation_time`, `last_update_time`; `tags.<key>`). */
  filter?: string;
  orderBy?: string[];
  pageToken?: string;
}

/**
 * Experiments. Every method throws `CairnError`:
 * - RESOURCE_DOES_NOT_EXIST for an unknown id ("No Experiment with id=<id> exists");
 * - RESOURCE_ALREADY_EXISTS for a name in use, deleted experiments included;
 * - INVALID_PARAMETER_VALUE for writes to a deleted experiment.
 */
export interface ExperimentStore {
  /** Creates an active experiment and returns its id (a decimal string). */
  createExperiment(input: CreateExperimentInput): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  /** Returns null when no experiment (active or deleted) has the name. */
  getExperimentByName(name: string): Promise<Experiment | null>;
  searchExperiments(input: SearchExperimentsInput): Promise<PagedList<Experiment>>;
  /** Soft-deletes an active experiment and all of its runs; a deleted one is "not found". */
  deleteExperiment(experimentId: string): Promise<void>;
  /**
   * Restores a deleted experiment and every run in it (MLflow restores runs deleted one by one,
   * too); an active one is "not found".
   */
  restoreExperiment(experimentId: string): Promise<void>;
  /** Renames an active experiment; a deleted one gives INVALID_STATE. */
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: Tag): Promise<void>;
  /**
   * The distinct (experiment, dataset name, digest, context) the experiments' runs logged as
   * inputs, at most 1000 of them (MLflow's cap). Unknown ids contribute nothing.
   */
  searchDatasets(experimentIds: string[]): Promise<DatasetSummary[]>;
  /** Deleting a tag that does not exist gives RESOURCE_DOES_NOT_EXIST. */
  deleteExperimentTag(experimentId: string, key: string): Promise<void>;
}
