import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

interface Job {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most jobs one transaction takes, so a burst cannot hold the write lock for long. */
const MAX_JOBS_PER_COMMIT = 512;

/**
 * Group commit for a single-writer engine (SQLite). Write requests that arrive while a
 * transaction is being committed wait in a queue; the next transaction takes all of them,
 * each inside its own savepoint, and commits once. Every caller is answered only after that
 * commit, so an acknowledged write is on disk (WAL + synchronous=FULL) and survives kill -9.
 */
export class GroupCommitWriter {
  readonly #db: Kysely<Database>;
  #queue: Job[] = [];
  #running = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_JOBS_PER_COMMIT);
        await this.#commit(batch);
      }
    } finally {
      this.#running = false;
    }
  }

  async #commit(batch: Job[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        if (batch.length === 1) {
          // A lone job needs no savepoint: its failure rolls back the whole transaction.
          const only = batch[0] as Job;
          outcomes.push({ ok: true, value: await only.work(trx) });
          return;
        }
        for (const job of batch) {
          await sql`savepoint cairn_job`.execute(trx);
          try {
            const value = await job.work(trx);
            await sql`release savepoint cairn_job`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint cairn_job`.execute(trx);
            await sql`release savepoint cairn_job`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // A lone job's own error, or a failed commit: nobody in the batch was written.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.error : new Error("job outcome missing"));
    });
  }
}
