import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type CompiledQuery, type Expression, Kysely, type RawBuilder, SqliteDialect, sql } from "kysely";
import type { DialectCapabilities, SqlConnection } from "../capabilities.js";
import { GroupCommitWriter } from "../group-commit-writer.js";
import { metricRowValues } from "../rows.js";
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
    readRawRows(query: CompiledQuery): Iterable<unknown[]> {
      // Cached under its own text: raw mode stays on for the statement, so Kysely must never run it.
      return readerHandle
        .prepare(`${query.sql} /* raw */`)
        .raw(true)
        .iterate(...query.parameters) as Iterable<unknown[]>;
    },
    async close() {
      if (reader !== writer) await reader.destroy();
      await writer.destroy();
    },
  };
}
