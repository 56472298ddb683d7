import type { Kysely, RawBuilder } from "kysely";
import type { Database, MetricsTable } from "./schema.js";

/**
 * What differs between SQL engines, as flags and tiny overrides. Query code asks these
 * questions instead of branching on an engine's name.
 */
export interface DialectCapabilities {
  /** Column type for the experiments' auto-increment key. */
  readonly autoIncrementType: "integer" | "serial";
  /** Whether tables can be stored clustered by primary key (SQLite `WITHOUT ROWID`). */
  readonly clusteredTables: boolean;
  /** Case-insensitive LIKE; `LIKE` itself is case-sensitive on every engine (as in MLflow). */
  ilike(column: RawBuilder<unknown>, pattern: string): RawBuilder<boolean>;
}

/** A database handle split into a writer (used by `write`) and a reader for queries. */
export interface SqlConnection {
  readonly capabilities: DialectCapabilities;
  /** Connection for reads; on SQLite a separate connection that sees committed data only. */
  readonly reader: Kysely<Database>;
  /** Kysely handle that owns the writer connection (migrations run on it). */
  readonly writer: Kysely<Database>;
  /**
   * Runs `work` in a transaction and resolves once it is durably committed. On SQLite
   * concurrent calls are group-committed: one transaction, one fsync, each call isolated in
   * its own savepoint so one failure does not undo the others.
   */
  write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Inserts metric points inside `trx` (a transaction from `write`), skipping exact
   * duplicates. The hottest write path, so each dialect does it its fastest way instead of
   * through the query builder.
   */
  insertMetricRows(trx: Kysely<Database>, rows: readonly MetricsTable[]): Promise<void>;
  close(): Promise<void>;
}
