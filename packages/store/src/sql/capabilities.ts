import type { CompiledQuery, Expression, Kysely, RawBuilder } from "kysely";
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
  /**
   * How an insert resolves a key conflict: `ON CONFLICT … DO …` (SQLite, PostgreSQL) or
   * `ON DUPLICATE KEY UPDATE` (MySQL, MariaDB). Query code goes through `upsert.ts`.
   */
  readonly upsert: "on-conflict" | "on-duplicate-key";
  /** In an upsert's update, the value the insert tried to write: `excluded.col` or `values(col)`. */
  incoming(column: string): RawBuilder<unknown>;
  /** Whether `INSERT … RETURNING` is available; without it the driver's insert id is read. */
  readonly insertReturning: boolean;
  /** Integer division of non-negative integers, truncating (`/` is exact division on MySQL). */
  intDiv(dividend: Expression<unknown>, divisor: Expression<unknown>): RawBuilder<number>;
  /**
   * Column type for long text (registry tag values up to 100,000 characters, dataset schemas):
   * MySQL's TEXT holds only 65,535 bytes, so there it is MEDIUMTEXT.
   */
  readonly textType: "text" | RawBuilder<unknown>;
  /**
   * A session lock that serialises migrations across replicas, for engines whose DDL commits
   * implicitly (MySQL): there a migration's record cannot guard it inside one transaction.
   * `acquire` answers one row whose `acquired` is 1 once the lock is held.
   */
  readonly migrationLock: { acquire: RawBuilder<unknown>; release: RawBuilder<unknown> } | undefined;
  /** Appended to every CREATE TABLE (MySQL: engine, character set and binary collation). */
  readonly tableOptions: RawBuilder<unknown> | undefined;
  /**
   * A column as a key part, limited to its first `chars` characters where the engine caps a
   * key's length (InnoDB: 3,072 bytes, 4 per utf8mb4 character); elsewhere the whole column.
   */
  keyPart(column: string, chars: number): string | RawBuilder<unknown>;
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
  /**
   * Runs a read and yields each row as an array of its columns, where the driver can skip
   * building row objects (better-sqlite3's raw mode): on a 100,000-point history that costs
   * more than the query. Without it reads return row objects.
   */
  readRawRows?(query: CompiledQuery): Iterable<unknown[]>;
  close(): Promise<void>;
}
