import { type Expression, Kysely, PostgresDialect, type RawBuilder, sql } from "kysely";
import pg from "pg";
import type { DialectCapabilities, SqlConnection } from "../capabilities.js";
import type { Database, MetricsTable } from "../schema.js";

const capabilities: DialectCapabilities = {
  autoIncrementType: "serial",
  clusteredTables: false,
  ilike: (column: RawBuilder<unknown>, pattern: string) => sql<boolean>`${column} ilike ${pattern}`,
  upsert: "on-conflict",
  incoming: (column: string) => sql.ref(`excluded.${column}`),
  insertReturning: true,
  intDiv: (dividend: Expression<unknown>, divisor: Expression<unknown>) => sql<number>`(${dividend}) / ${divisor}`,
  textType: "text",
  migrationLock: undefined,
  tableOptions: undefined,
  keyPart: (column: string) => column,
};

/** BIGINT and NUMERIC come back as strings by default; Cairn's values all fit a double. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens a pooled PostgreSQL connection; PostgreSQL does its own group commit. */
export function openPostgres(connectionString: string): SqlConnection {
  const pool = new pg.Pool({ connectionString, max: 10, types });
  // An idle client losing its server must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    capabilities,
    reader: db,
    writer: db,
    write: (work) => db.transaction().execute(work),
    async insertMetricRows(trx, rows: readonly MetricsTable[]) {
      // One statement with nine array parameters, whatever the batch size: no bind-parameter
      // limit to chunk around and one plan for every batch.
      const column = <K extends keyof MetricsTable>(key: K) => rows.map((row) => row[key]);
      await sql`insert into metrics (run_uuid, key, step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest)
        select * from unnest(${column("run_uuid")}::varchar[], ${column("key")}::varchar[], ${column("step")}::bigint[],
          ${column("timestamp")}::bigint[], ${column("value")}::double precision[], ${column("is_nan")}::integer[],
          ${column("model_id")}::varchar[], ${column("dataset_name")}::varchar[], ${column("dataset_digest")}::varchar[])
        on conflict do nothing`.execute(trx);
    },
    close: () => db.destroy(),
  };
}
