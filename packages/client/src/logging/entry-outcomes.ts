import type { LogEntry } from "./log-entry.js";
import type { RunBindings } from "./run-bindings.js";

type Deferred = { resolve: () => void; reject: (error: Error) => void };

/**
 * Who hears what became of an entry. A tracked entry (an artifact upload, a logged model)
 * settles its caller's promise once it reached the backend or the journal, or rejects with the
 * backend's refusal. Other refusals go to `onError`, except a refused run creation, whose error
 * reaches `startRun`, which awaits it. Every refusal is kept too, oldest first.
 *
 * @example
 * const outcomes = new EntryOutcomes(runs, (error, entry) => console.warn(entry.kind, error));
 * const uploaded = outcomes.track(entry); // settles on `delivered(entry)` or `refused(entry, error)`
 */
export class EntryOutcomes {
  /** Errors of entries the backend refused, oldest first. */
  readonly errors: Error[] = [];
  readonly #runs: RunBindings;
  readonly #onError: (error: Error, entry: LogEntry) => void;
  readonly #completions = new WeakMap<LogEntry, Deferred>();

  constructor(runs: RunBindings, onError: ((error: Error, entry: LogEntry) => void) | undefined) {
    this.#runs = runs;
    this.#onError =
      onError ??
      ((error, entry) => {
        console.warn(`[cairn] dropped a ${entry.kind} the server refused: ${error.message}`);
      });
  }

  /** A promise for the entry's outcome: resolves once delivered (or journalled), rejects if refused. */
  track(entry: LogEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#completions.set(entry, { resolve, reject });
    });
  }

  /** The entry reached the backend, or the journal. */
  delivered(entry: LogEntry): void {
    this.#completions.get(entry)?.resolve();
  }

  /** The backend refused the entry: it is dropped, not retried. */
  refused(entry: LogEntry, reason: unknown): void {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    this.errors.push(error);
    // `startRun` awaits the creation: its caller gets the error.
    const told = entry.kind === "createRun" && this.#runs.fail(entry.run, error);
    const completion = this.#completions.get(entry);
    if (completion) completion.reject(error);
    else if (!told) this.#onError(error, entry);
  }
}
