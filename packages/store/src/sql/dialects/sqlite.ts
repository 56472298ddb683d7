import fs from "node:fs";
import path from "node:path";
import type { Metric } from "@cairn/core";
import Database from "better-sqlite3";
import { type Expression, Kysely, type RawBuilder, SqliteDialect, sql } from "kysely";
import type { DialectCapabilities, HistoryWindow, MetricHistoryRow, SqlConnection } from "../capabilities.js";
import { GroupCommitWriter } from "../group-commit-writer.js";
import { metricRowValues, toMetric } from "../rows.js";
import type { MetricsTable, Database as Schema } from "../schema.js";
import { withStatementCache } from "./statement-cache.js";

const capabilities: DialectCapabilities = {
  autoIncrementType: "integer",
  clusteredTables: true,
  ilike: (column: RawBuilder<unknown>, pattern: string) => sql<boolean>`lower(${column}) like lower(${pattern})`,
  upsert: "on-conflict",
  incoming: (column: string) => sql.ref(`excluded.${column}`),
  insertReturning: true,
  intDiv: (dividend: Expression<unknown>, divisor: Expression<unknown>) => sql<number>`(${dividend}) / ${divisor}`,
  textType: "text",
  migrationLock: undefined,
  tableOptions: undefined,
  keyPart: (column: string) => column,
};

function openDatabase(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, { readonly: readonly && file !== ":memory:" });
  // WAL lets the reader connection run beside the writer; FULL makes each commit durable.
  if (!readonly) db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  // MLflow's LIKE is case-sensitive on every engine; ILIKE is the case-insensitive one.
  db.pragma("case_sensitive_like = ON");
  return withStatementCache(db);
}

/**
 * Opens a SQLite file (created if missing) with one writer connection, group commit, and a
 * separate reader connection. `:memory:` uses a single connection for both.
 */
export function openSqlite(file: string): SqlConnection {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const writerHandle = openDatabase(file, false);
  const writer = new Kysely<Schema>({ dialect: new SqliteDialect({ database: writerHandle }) });
  const readerHandle = file === ":memory:" ? writerHandle : openDatabase(file, true);
  const reader = file === ":memory:" ? writer : new Kysely<Schema>({ dialect: new SqliteDialect({ database: readerHandle }) });
  const commits = new GroupCommitWriter(writer);
  // Bound straight to the writer connection: `write` runs its work inside a transaction on
  // that same connection, so these rows join it. A prepared row insert is several times
  // faster than building a multi-row statement through the query builder.
  // Prepared on first use: the table exists only once migrations have run. The statement
  // cache makes every later `prepare` a map look-up.
  const insertMetricSql =
    "insert into metrics (run_uuid, key, step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
  // Read in raw (array) mode: better-sqlite3 builds a row object property by property, which
  // costs more than the query itself on a 100,000-point history; the key is the one asked for.
  const historyColumns =
    "select value, timestamp, step, is_nan, model_id, dataset_name, dataset_digest from metrics where run_uuid = ? and key = ?";
  const historyOrder = "order by timestamp, step, value, is_nan limit ?";
  const historyFromOffset = `${historyColumns} ${historyOrder} offset ?`;
  const historyAfterCursor = `${historyColumns} and (timestamp, step, value, is_nan) > (?, ?, ?, ?) ${historyOrder}`;
  type HistoryColumns = [number, number, number, number, string | null, string | null, string | null];
  return {
    capabilities,
    reader,
    writer,
    write: (work) => commits.write(work),
    async insertMetricRows(_trx, rows: readonly MetricsTable[]) {
      const insertMetric = writerHandle.prepare(insertMetricSql);
      for (const row of rows) {
        insertMetric.run(...metricRowValues(row));
      }
    },
    async readMetricHistory(runId: string, key: string, window: HistoryWindow): Promise<Metric[]> {
      // LIMIT -1 is SQLite's "no limit".
      const limit = window.limit ?? -1;
      const rows = window.after
        ? readerHandle
            .prepare(historyAfterCursor)
            .raw(true)
            .iterate(runId, key, ...window.after, limit)
        : readerHandle.prepare(historyFromOffset).raw(true).iterate(runId, key, limit, window.offset);
      const metrics: Metric[] = [];
      // One scratch row: each column array dies young and only the metric is kept, which
      // halves the garbage a 100,000-point read leaves for the collector.
      const row: MetricHistoryRow = {
        key,
        value: 0,
        timestamp: 0,
        step: 0,
        is_nan: 0,
        model_id: null,
        dataset_name: null,
        dataset_digest: null,
      };
      for (const columns of rows as Iterable<HistoryColumns>) {
        [row.value, row.timestamp, row.step, row.is_nan, row.model_id, row.dataset_name, row.dataset_digest] = columns;
        metrics.push(toMetric(row));
      }
      return metrics;
    },
    async close() {
      if (reader !== writer) await reader.destroy();
      await writer.destroy();
    },
  };
}
