import type { LogEntry, RunBinding } from "./log-entry.js";

/** A journal segment's undelivered contents (see `FileJournal`). */
export interface JournalSegment {
  file: string;
  header: { uri: string; pid: number; id: string; created: number };
  entries: { seq: number; entry: LogEntry }[];
  bindings: RunBinding[];
}

/**
 * What the background logger needs of a durable journal. `FileJournal` is the Node
 * implementation; without one (in a browser) entries wait in memory while offline.
 */
export interface Journal {
  append(entries: readonly LogEntry[], bindingOf: (run: string) => RunBinding | undefined): number;
  bind(binding: RunBinding): void;
  ack(seq: number): void;
  /** This process's segment, if it has undelivered entries. */
  pending(): JournalSegment | null;
  discard(): void;
  /** Segments left by dead processes for the same tracking URI, now owned by this one. */
  claimOrphans(): JournalSegment[];
  /** Bytes of a journalled artifact. */
  readBlob(segment: JournalSegment, blob: string): Uint8Array;
  /** Records replay progress in a claimed segment. */
  ackClaimed(segment: JournalSegment, seq: number): void;
  /** Deletes a claimed segment once delivered. */
  removeClaimed(segment: JournalSegment): void;
}
