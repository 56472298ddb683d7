import type { Journal, JournalSegment } from "./journal.js";
import type { LogEntry } from "./log-entry.js";
import type { RunBindings } from "./run-bindings.js";
import type { RunCreator } from "./run-creator.js";

/** Sends one entry; false if the backend is unreachable (refusals count as done). */
export type SendEntry = (entry: LogEntry, segment: JournalSegment) => Promise<boolean>;

/**
 * The pipeline's use of the durable journal: entries spool to it while the backend is
 * unreachable, and are replayed from it once the backend is back: first the segments left by
 * dead processes (claimed on the pipeline's first cycle), then this process's own, each in
 * order. Every delivered entry is acknowledged in its segment, so a crash mid-replay resumes
 * after the last one delivered.
 *
 * @example
 * const spool = new JournalSpool(journal, runs, creator);
 * spool.append(entries); // offline
 * await spool.replay(send); // true once everything journalled was delivered
 */
export class JournalSpool {
  readonly #journal: Journal;
  readonly #runs: RunBindings;
  readonly #creator: RunCreator;
  #orphansClaimed = false;
  #claimed: JournalSegment[] = [];

  constructor(journal: Journal, runs: RunBindings, creator: RunCreator) {
    this.#journal = journal;
    this.#runs = runs;
    this.#creator = creator;
  }

  /** True while segments taken over from dead processes wait for replay. */
  get hasClaimed(): boolean {
    return this.#claimed.length > 0;
  }

  /** Nothing left to replay: no claimed segment, and nothing undelivered in this process's own. */
  isEmpty(): boolean {
    return this.#claimed.length === 0 && !this.#journal.pending()?.entries.length;
  }

  /** Takes over the segments of dead processes; only the first call looks for them. */
  claimOrphansOnce(): void {
    if (this.#orphansClaimed) return;
    this.#orphansClaimed = true;
    this.#claimed.push(...this.#journal.claimOrphans());
  }

  /** Appends entries (metric blocks already turned into `log` entries), durably. */
  append(entries: readonly LogEntry[]): void {
    for (const entry of entries) this.#creator.markAttempted(entry);
    this.#journal.append(entries, (run) => this.#runs.get(run));
  }

  readBlob(segment: JournalSegment, blob: string): Uint8Array {
    return this.#journal.readBlob(segment, blob);
  }

  /** Claimed segments first (older processes), then this process's own; false if the backend dropped again. */
  async replay(send: SendEntry): Promise<boolean> {
    while (this.#claimed.length > 0) {
      const segment = this.#claimed[0] as JournalSegment;
      if (!(await this.#replaySegment(segment, send, (seq) => this.#journal.ackClaimed(segment, seq)))) return false;
      this.#journal.removeClaimed(segment);
      this.#claimed.shift();
    }
    const own = this.#journal.pending();
    if (own && own.entries.length > 0) {
      if (!(await this.#replaySegment(own, send, (seq) => this.#journal.ack(seq)))) return false;
    }
    this.#journal.discard();
    return true;
  }

  /**
   * Sends a segment's entries in order, acknowledging each one delivered. Returns false when
   * the backend became unreachable, with the segment cut down to what is left.
   */
  async #replaySegment(segment: JournalSegment, send: SendEntry, ack: (seq: number) => void): Promise<boolean> {
    for (const binding of segment.bindings) if (!this.#runs.has(binding.run)) this.#runs.bind(binding);
    for (const { entry } of segment.entries) this.#creator.markAttempted(entry);
    const items = segment.entries;
    for (let index = 0; index < items.length; index += 1) {
      const { seq, entry } = items[index] as JournalSegment["entries"][number];
      if (!(await send(entry, segment))) {
        segment.entries = items.slice(index);
        return false;
      }
      ack(seq);
    }
    return true;
  }
}
