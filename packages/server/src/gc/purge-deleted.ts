import { CairnError, type Experiment, invalidParameter, type PurgeStore, type TrackingStore } from "@cairn/core";
import type { ArtifactService } from "../artifacts/artifact-service.js";
import { isAtOrBelow, versionsBelow, versionsUsingRun } from "./artifact-references.js";

/** What to purge, in `mlflow gc`'s terms. */
export interface PurgeOptions {
  /** Only what was deleted at least this long ago (milliseconds); 0 for everything deleted. */
  olderThanMs: number;
  /** Only these runs (each must be deleted, and old enough). */
  runIds?: string[];
  /** Only these experiments and their runs (each must be deleted, and old enough). */
  experimentIds?: string[];
  /** The clock, for tests. */
  now?: number;
}

/** What a purge did: each run and experiment removed with the bytes it freed, what it kept and why. */
export interface PurgeReport {
  runs: { runId: string; experimentId: string; freedBytes: number }[];
  experiments: { experimentId: string; name: string; freedBytes: number }[];
  kept: { kind: "run" | "experiment"; id: string; reason: string }[];
  /** Rows removed whose artifacts could not be (a location this server does not read, a store error). */
  artifactErrors: { location: string; message: string }[];
  freedBytes: number;
}

export interface PurgeDependencies {
  tracking: TrackingStore;
  purge: PurgeStore;
  artifacts: ArtifactService;
}

/** MLflow keeps run artifacts in `<root>/<run_id>/artifacts`: the run's own folder is the parent. */
function runFolder(artifactUri: string, runId: string): string {
  const trimmed = artifactUri.replace(/\/+$/, "");
  return trimmed.endsWith(`/${runId}/artifacts`) ? trimmed.slice(0, -"/artifacts".length) : trimmed;
}

async function allExperiments(tracking: TrackingStore): Promise<Experiment[]> {
  const experiments: Experiment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await tracking.searchExperiments({ viewType: "ALL", maxResults: 1000, ...(pageToken ? { pageToken } : {}) });
    experiments.push(...page.items);
    pageToken = page.next_page_token;
  } while (pageToken);
  return experiments;
}

/**
 * `mlflow gc`: hard-deletes soft-deleted runs and experiments and the artifacts they stored.
 * Every named target is checked before anything is removed, so a bad id changes nothing.
 * Never touched: live runs (a run restored meanwhile is re-checked in the delete's own
 * transaction), any run whose artifacts a model version uses (it is kept, with its
 * experiment), and folders that hold another experiment's or a model version's files.
 * Rows go first and artifacts after: a failure then leaves unreachable bytes, never a run
 * whose files are gone.
 *
 * @example
 * const report = await purgeDeleted({ tracking, purge, artifacts }, { olderThanMs: parseOlderThan("30d") });
 */
export async function purgeDeleted(deps: PurgeDependencies, options: PurgeOptions): Promise<PurgeReport> {
  const { tracking, purge, artifacts } = deps;
  const now = options.now ?? Date.now();
  const deletedBefore = now - options.olderThanMs;
  const report: PurgeReport = { runs: [], experiments: [], kept: [], artifactErrors: [], freedBytes: 0 };

  // 1. Decide the targets, checking every named one first.
  const oldRuns = new Map((await purge.listDeletedRuns({ deletedBefore })).map((run) => [run.runId, run]));
  const oldExperiments = new Map((await purge.listDeletedExperiments({ deletedBefore })).map((exp) => [exp.experimentId, exp]));
  let experimentIds: string[];
  if (options.experimentIds) {
    for (const id of options.experimentIds) {
      const experiment = await tracking.getExperiment(id);
      if (experiment.lifecycle_stage !== "deleted") {
        throw invalidParameter(
          `Experiments ['${id}'] are not in the deleted lifecycle stage. Only experiments in the deleted lifecycle stage can be hard-deleted.`,
        );
      }
      if (!oldExperiments.has(id)) {
        throw invalidParameter(
          `Experiments ['${id}'] are not older than the required age. Only experiments older than the given age can be deleted.`,
        );
      }
    }
    experimentIds = [...new Set(options.experimentIds)];
  } else {
    experimentIds = options.runIds ? [] : [...oldExperiments.keys()];
  }
  const runTargets = new Map<string, { runId: string; experimentId: string; artifactUri: string }>();
  if (options.runIds) {
    for (const id of options.runIds) {
      const run = await tracking.getRun(id);
      if (run.info.lifecycle_stage !== "deleted") {
        throw invalidParameter(`Run ${id} is not in \`deleted\` lifecycle stage. Only runs in \`deleted\` lifecycle stage can be deleted.`);
      }
      if (!oldRuns.has(id)) {
        throw invalidParameter(`Run ${id} is not older than the required age. Only runs older than the given age can be deleted.`);
      }
      runTargets.set(id, { runId: id, experimentId: run.info.experiment_id, artifactUri: run.info.artifact_uri });
    }
  } else if (!options.experimentIds) {
    for (const run of oldRuns.values()) runTargets.set(run.runId, run);
  }
  // A deleted experiment goes with all its runs (they were deleted with it), whatever their age.
  if (experimentIds.length > 0) {
    for (const run of await purge.listDeletedRuns({ deletedBefore: Number.MAX_SAFE_INTEGER, experimentIds }))
      runTargets.set(run.runId, run);
  }

  // 2. Runs: rows first (re-checked in their transaction), then their folders.
  const references = await purge.listModelVersionReferences();
  const keptExperiments = new Set<string>();
  for (const run of [...runTargets.values()].sort((a, b) => (a.runId < b.runId ? -1 : 1))) {
    const users = versionsUsingRun(references, run.runId, run.artifactUri);
    if (users.length > 0) {
      const named = users.map((ref) => `${ref.name} v${ref.version}`).join(", ");
      report.kept.push({ kind: "run", id: run.runId, reason: `its artifacts are used by model version ${named}` });
      keptExperiments.add(run.experimentId);
      continue;
    }
    const folder = runFolder(run.artifactUri, run.runId);
    const measured = await measure(artifacts, folder);
    if (!(await purge.hardDeleteRun(run.runId))) {
      report.kept.push({ kind: "run", id: run.runId, reason: "it was restored or removed meanwhile" });
      keptExperiments.add(run.experimentId);
      continue;
    }
    const freed = await removeFolder(artifacts, folder, measured, report);
    report.runs.push({ runId: run.runId, experimentId: run.experimentId, freedBytes: freed });
  }

  // 3. Experiments, once their runs are gone; their folder only when nothing else lives in it.
  const locations = (await allExperiments(tracking)).map((experiment) => ({
    id: experiment.experiment_id,
    location: experiment.artifact_location,
  }));
  for (const id of experimentIds) {
    // Every target is a deleted, old-enough experiment: checked above or listed as one.
    const experiment = oldExperiments.get(id);
    if (!experiment) continue;
    if (keptExperiments.has(id) || !(await purge.hardDeleteExperiment(id))) {
      report.kept.push({ kind: "experiment", id, reason: "some of its runs are kept, or it was restored meanwhile" });
      continue;
    }
    const root = experiment.artifactLocation;
    const shared =
      versionsBelow(references, root).length > 0 || locations.some((other) => other.id !== id && isAtOrBelow(other.location, root));
    let freed = 0;
    if (!shared) freed = await removeFolder(artifacts, root, await measure(artifacts, root), report);
    report.experiments.push({ experimentId: id, name: experiment.name, freedBytes: freed });
  }
  report.freedBytes =
    report.runs.reduce((sum, run) => sum + run.freedBytes, 0) + report.experiments.reduce((sum, exp) => sum + exp.freedBytes, 0);
  return report;
}

/** The bytes stored at a location, or null when this server cannot read it. */
async function measure(artifacts: ArtifactService, location: string): Promise<number | null> {
  try {
    const { repository, path } = await artifacts.locateRoot(location);
    return path === "" ? null : await repository.usage(path);
  } catch {
    return null;
  }
}

/** Deletes a location's folder and returns the bytes freed; failures are reported, not thrown. */
async function removeFolder(artifacts: ArtifactService, location: string, measured: number | null, report: PurgeReport): Promise<number> {
  try {
    const { repository, path } = await artifacts.locateRoot(location);
    // Never a whole destination, bucket or disk: only a folder inside one.
    if (path === "") throw new CairnError("INVALID_PARAMETER_VALUE", "the location is the root of its store");
    await repository.delete(path);
    return measured ?? 0;
  } catch (error) {
    report.artifactErrors.push({ location, message: error instanceof Error ? error.message : String(error) });
    return 0;
  }
}
