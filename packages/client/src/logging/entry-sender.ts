import { CairnError, type LogBatchInput } from "@cairn/core";
import type { Backend } from "../backend/backend.js";
import { isTransient } from "../rest/transient-error.js";
import type { JournalSegment } from "./journal.js";
import type { JournalSpool } from "./journal-spool.js";
import { assertNever, type LogEntry, type RunBinding } from "./log-entry.js";
import type { MetricKeys } from "./metric-keys.js";
import type { MetricSender } from "./metric-sender.js";
import type { RunBindings } from "./run-bindings.js";
import type { RunCreator } from "./run-creator.js";
import { splitLogBatch } from "./split-log-batch.js";

/** What sending an entry needs besides the backend. */
export interface EntrySenderCollaborators {
  runs: RunBindings;
  creator: RunCreator;
  metricSender: MetricSender;
  keys: MetricKeys;
  /** Where journalled artifacts keep their bytes; null without a journal. */
  spool: JournalSpool | null;
}

/**
 * Turns one queued entry into the backend calls it stands for, addressed to the run's server
 * id. Rejects as the backend does: with a transient error while it is unreachable, or with
 * the error it refused the entry with.
 *
 * @example
 * const entries = new EntrySender(backend, { runs, creator, metricSender, keys, spool: null });
 * await entries.send({ kind: "updateRun", run: localId, status: "FINISHED", endTime: Date.now() }, null);
 */
export class EntrySender {
  readonly #backend: Backend;
  readonly #runs: RunBindings;
  readonly #creator: RunCreator;
  readonly #metricSender: MetricSender;
  readonly #keys: MetricKeys;
  readonly #spool: JournalSpool | null;

  constructor(backend: Backend, { runs, creator, metricSender, keys, spool }: EntrySenderCollaborators) {
    this.#backend = backend;
    this.#runs = runs;
    this.#creator = creator;
    this.#metricSender = metricSender;
    this.#keys = keys;
    this.#spool = spool;
  }

  /** Sends the entry; `segment` is the journal segment it was replayed from, if any. */
  async send(entry: LogEntry, segment: JournalSegment | null): Promise<void> {
    const { tracking } = this.#backend;
    if (entry.kind === "createRun") {
      await this.#creator.create(entry);
      return;
    }
    const runId = this.#runs.serverId(entry.run);
    switch (entry.kind) {
      case "log":
        for (const batch of splitLogBatch(entry)) await this.#logBatch(runId, batch);
        return;
      case "metrics":
        await this.#metricSender.send(runId, entry.block, this.#keys.names);
        return;
      case "updateRun":
        await tracking.updateRun(runId, { status: entry.status, endTime: entry.endTime });
        return;
      case "logInputs":
        await tracking.logInputs(runId, entry.datasets);
        return;
      case "logModel":
        await tracking.recordLoggedModel(runId, { ...entry.model, run_id: runId });
        return;
      case "artifact": {
        const binding = this.#runs.get(entry.run) as RunBinding;
        const bytes = entry.bytes ?? (segment && entry.blob ? this.#spool?.readBlob(segment, entry.blob) : undefined);
        if (!bytes) throw new CairnError("DATA_LOSS", `The journalled artifact ${entry.path} has no bytes`);
        await this.#backend.artifacts.upload(binding.artifactUri, entry.path, bytes);
        return;
      }
      default:
        assertNever(entry);
    }
  }

  /**
   * One log-batch call. Merged calls share a batch, and MLflow refuses a batch whole; when it
   * does, the items are re-sent apart so one bad param does not drop the metrics beside it.
   */
  async #logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    try {
      await this.#backend.tracking.logBatch(runId, batch);
    } catch (error) {
      if (isTransient(error)) throw error;
      const parts: LogBatchInput[] = [
        ...(batch.params ?? []).map((param) => ({ params: [param] })),
        ...(batch.metrics?.length ? [{ metrics: batch.metrics }] : []),
        ...(batch.tags?.length ? [{ tags: batch.tags }] : []),
      ];
      if (parts.length <= 1) throw error;
      let first: unknown;
      for (const part of parts) {
        try {
          await this.#backend.tracking.logBatch(runId, part);
        } catch (partError) {
          if (isTransient(partError)) throw partError;
          first ??= partError;
        }
      }
      if (first) throw first;
    }
  }
}
