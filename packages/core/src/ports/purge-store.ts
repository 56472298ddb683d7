/** A soft-deleted run, as garbage collection sees it. */
export interface DeletedRun {
  runId: string;
  experimentId: string;
  artifactUri: string;
  /** Milliseconds since the epoch. */
  deletedTime: number;
}

/** A soft-deleted experiment, as garbage collection sees it. */
export interface DeletedExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  /** Milliseconds since the epoch (the last update for rows deleted before deleted_time existed). */
  deletedTime: number;
}

/** What a model version points at; its artifacts must outlive any run or experiment purge. */
export interface ModelVersionReference {
  name: string;
  version: string;
  runId: string | null;
  source: string;
  storageLocation: string | null;
}

/**
 * Hard deletion for `cairn gc` and the server's scheduled purge (MLflow's `_hard_delete_run`
 * and `_hard_delete_experiment`). Only rows in the `deleted` stage are ever removed: the check
 * and the delete happen in one transaction, so a run restored meanwhile is left alone. The
 * artifacts are the caller's business; these methods touch only the database.
 *
 * @example
 * for (const run of await purge.listDeletedRuns({ deletedBefore: Date.now() - 86_400_000 })) {
 *   if (await purge.hardDeleteRun(run.runId)) await repository.delete(pathOf(run.artifactUri));
 * }
 */
export interface PurgeStore {
  /** Deleted runs whose deletion is at or before `deletedBefore`, optionally only in some experiments. */
  listDeletedRuns(input: { deletedBefore: number; experimentIds?: string[] }): Promise<DeletedRun[]>;
  /** Deleted experiments whose deletion is at or before `deletedBefore`. */
  listDeletedExperiments(input: { deletedBefore: number }): Promise<DeletedExperiment[]>;
  /** Every model version's run, source and storage location, soft-deleted versions included. */
  listModelVersionReferences(): Promise<ModelVersionReference[]>;
  /**
   * Removes a deleted run with its params, tags, metrics and inputs. Returns false (and removes
   * nothing) when the run is gone or not in the deleted stage.
   */
  hardDeleteRun(runId: string): Promise<boolean>;
  /**
   * Removes a deleted experiment with its tags and datasets. Returns false (and removes nothing)
   * when it is gone, not deleted, or still has runs, which must be purged first.
   */
  hardDeleteExperiment(experimentId: string): Promise<boolean>;
}
