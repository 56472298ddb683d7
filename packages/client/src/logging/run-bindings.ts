import { CairnError } from "@cairn/core";
import type { Journal } from "./journal.js";
import type { RunBinding } from "./log-entry.js";

type BindWaiter = { resolve: (binding: RunBinding | null) => void; reject: (error: Error) => void };

/**
 * Which server run each local run id stands for. A run is named by its local id until the
 * server creates it; from then on its binding gives the server id and artifact URI its entries
 * are sent to. A run whose creation the server refused keeps the error, so its later entries
 * and anyone waiting for its id get that error instead of waiting forever.
 *
 * @example
 * const runs = new RunBindings(journal);
 * const bound = runs.waitFor(localId);
 * runs.bind({ run: localId, id: serverId, artifactUri });
 * runs.serverId(localId); // serverId; `bound` resolves with the binding
 */
export class RunBindings {
  readonly #journal: Journal | null;
  readonly #bindings = new Map<string, RunBinding>();
  readonly #failures = new Map<string, Error>();
  readonly #waiters = new Map<string, BindWaiter[]>();

  constructor(journal: Journal | null) {
    this.#journal = journal;
  }

  /** The server id and artifact URI of a run, once known. */
  get(run: string): RunBinding | undefined {
    return this.#bindings.get(run);
  }

  has(run: string): boolean {
    return this.#bindings.has(run);
  }

  /** The error the server refused the run's creation with, if it did. */
  failure(run: string): Error | undefined {
    return this.#failures.get(run);
  }

  /** The server id to send a run's entries with; throws when the run was never created. */
  serverId(run: string): string {
    const binding = this.#bindings.get(run);
    if (!binding) {
      throw this.#failures.get(run) ?? new CairnError("RESOURCE_DOES_NOT_EXIST", `Run with local id=${run} was never created`);
    }
    return binding.id;
  }

  /** Settles once the run is bound (with its binding), refused (rejects), or released (with null). */
  waitFor(run: string): Promise<RunBinding | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.#waiters.get(run) ?? [];
      waiters.push({ resolve, reject });
      this.#waiters.set(run, waiters);
    });
  }

  /** Records the server's id for a run; the journal learns it too, so a later replay of its segment knows it. */
  bind(binding: RunBinding): void {
    this.#bindings.set(binding.run, binding);
    this.#journal?.bind(binding);
    for (const waiter of this.#waiters.get(binding.run) ?? []) waiter.resolve(binding);
    this.#waiters.delete(binding.run);
  }

  /** Records that the server refused to create the run; true if someone waiting for it was told. */
  fail(run: string, error: Error): boolean {
    this.#failures.set(run, error);
    let told = false;
    for (const waiter of this.#waiters.get(run) ?? []) {
      waiter.reject(error);
      told = true;
    }
    this.#waiters.delete(run);
    return told;
  }

  /** The backend went offline: runs still waiting for their id keep their local one for now. */
  releaseWaiting(): void {
    for (const [run, waiters] of this.#waiters) {
      if (this.#bindings.has(run)) continue;
      for (const waiter of waiters) waiter.resolve(null);
      this.#waiters.delete(run);
    }
  }
}
