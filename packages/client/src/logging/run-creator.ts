import { CairnError } from "@cairn/core";
import type { Backend } from "../backend/backend.js";
import { LOCAL_RUN_ID_TAG, type LogEntry, PARENT_RUN_ID_TAG } from "./log-entry.js";
import type { RunBindings } from "./run-bindings.js";

type CreateRunEntry = Extract<LogEntry, { kind: "createRun" }>;

/**
 * Creates queued runs on the server, once per local id however often the creation is sent: a
 * creation that may have reached the server before (sent once, or journalled) first looks for
 * the run by its local id tag. Experiments named by the caller are found or created, and their
 * ids remembered.
 *
 * @example
 * const creator = new RunCreator(backend, runs);
 * await creator.create({ kind: "createRun", run: localId, experimentName: "mnist", startTime: Date.now(), tags: [] });
 * runs.serverId(localId); // the server's id
 */
export class RunCreator {
  readonly #backend: Backend;
  readonly #runs: RunBindings;
  readonly #experimentIds = new Map<string, string>();
  /** Run creations that may have reached the server already (sent once, or journalled). */
  readonly #attempted = new WeakSet<LogEntry>();

  constructor(backend: Backend, runs: RunBindings) {
    this.#backend = backend;
    this.#runs = runs;
  }

  /** Notes that a run creation may have reached the server (it was journalled); other entries are ignored. */
  markAttempted(entry: LogEntry): void {
    if (entry.kind === "createRun") this.#attempted.add(entry);
  }

  /** Creates the run, or finds the one an earlier attempt created, and binds its local id. */
  async create(entry: CreateRunEntry): Promise<void> {
    const { tracking } = this.#backend;
    const experimentId = entry.experimentId ?? (await this.#experimentId(entry.experimentName ?? "Default"));
    if (this.#attempted.has(entry)) {
      // The first attempt may have created the run before the connection dropped.
      const found = await tracking.searchRuns({
        experimentIds: [experimentId],
        filter: `tags.\`${LOCAL_RUN_ID_TAG}\` = '${entry.run}'`,
        runViewType: "ALL",
        maxResults: 1,
      });
      const existing = found.items[0];
      if (existing) {
        this.#runs.bind({ run: entry.run, id: existing.info.run_id, artifactUri: existing.info.artifact_uri });
        return;
      }
    }
    const tags = [...entry.tags, { key: LOCAL_RUN_ID_TAG, value: entry.run }];
    if (entry.parentRun) {
      const parent = this.#runs.get(entry.parentRun);
      if (parent) tags.push({ key: PARENT_RUN_ID_TAG, value: parent.id });
    }
    this.#attempted.add(entry);
    const run = await tracking.createRun({ experimentId, runName: entry.runName, startTime: entry.startTime, userId: entry.userId, tags });
    this.#runs.bind({ run: entry.run, id: run.info.run_id, artifactUri: run.info.artifact_uri });
  }

  async #experimentId(name: string): Promise<string> {
    const cached = this.#experimentIds.get(name);
    if (cached) return cached;
    const { tracking } = this.#backend;
    let experiment = await tracking.getExperimentByName(name);
    if (!experiment) {
      try {
        await tracking.createExperiment({ name });
      } catch (error) {
        if (!(error instanceof CairnError && error.code === "RESOURCE_ALREADY_EXISTS")) throw error;
      }
      experiment = await tracking.getExperimentByName(name);
    }
    if (!experiment) throw new CairnError("RESOURCE_DOES_NOT_EXIST", `Experiment '${name}' could not be created`);
    if (experiment.lifecycle_stage === "deleted") {
      throw new CairnError("INVALID_PARAMETER_VALUE", `Experiment '${name}' is deleted; restore it or use another name`);
    }
    this.#experimentIds.set(name, experiment.experiment_id);
    return experiment.experiment_id;
  }
}
