import type { Metric } from "@cairn/core";
import type { Kysely, RawBuilder } from "kysely";
import type { Database, MetricsTable } from "./schema.js";

/** One point of a metric history as a row: the metrics row without its run. */
export type MetricHistoryRow = Omit<MetricsTable, "run_uuid">;

/** Where a page of a history ended: its last point's timestamp, step, stored value and is_nan. */
export type HistoryCursor = readonly [timestamp: number, step: number, value: number, isNan: number];

/**
 * Which slice of a history to read, in the order (timestamp, step, value, is_nan): the points
 * after `after` when given, else from `offset`; `limit` undefined reads to the end.
 */
export interface HistoryWindow {
  limit: number | undefined;
  offset: number;
  after?: HistoryCursor | undefined;
}

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
  /**
   * The hottest read path, where a dialect has a faster way than the query builder: one key's
   * points in MLflow's history order (timestamp, step, value). Without it the store queries
   * through Kysely.
   */
  readMetricHistory?(runId: string, key: string, window: HistoryWindow): Promise<Metric[]>;
  close(): Promise<void>;
}
