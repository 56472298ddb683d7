import { CairnError } from "@cairn/core";
import { type Expression, Kysely, PostgresDialect, type RawBuilder, sql } from "kysely";
import pg from "pg";
import type { DialectCapabilities, SqlConnection } from "../capabilities.js";
import type { Database, MetricsTable } from "../schema.js";
import { keepStatisticsFresh } from "./postgres-statistics.js";

/** The advisory lock key migrations hold: "cairn" in ASCII, so it is recognisable in pg_locks. */
const MIGRATION_LOCK_KEY = 0x636169726e;

const capabilities: DialectCapabilities = {
  autoIncrementType: "serial",
  clusteredTables: false,
  ilike: (column: RawBuilder<unknown>, pattern: string) => sql<boolean>`${column} ilike ${pattern}`,
  upsert: "on-conflict",
  incoming: (column: string) => sql.ref(`excluded.${column}`),
  insertReturning: true,
  intDiv: (dividend: Expression<unknown>, divisor: Expression<unknown>) => sql<number>`(${dividend}) / ${divisor}`,
  textType: "text",
  // Replicas starting together on a fresh database would race to create the same tables (a
  // duplicate pg_type row fails all but one), so they take turns under an advisory lock.
  migrationLock: {
    acquire: sql`select 1 as acquired from pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`,
    release: sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`,
  },
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

/** True when a bound value (or an array of them, as `unnest` takes) holds a NUL character. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  return Array.isArray(value) && value.some(holdsNul);
}

/**
 * The client every pooled connection uses. PostgreSQL refuses values SQLite stores, and its
 * refusal would otherwise surface as a 500 from whichever statement met it:
 * - text may not hold NUL (U+0000), so a bound value with one is refused before it is sent;
 * - a data exception (SQLSTATE class 22: a string too long for its column, an integer out of
 *   range) is a bad value from the caller, not a fault of the server.
 * Both become INVALID_PARAMETER_VALUE; inside a transaction the statement's failure still rolls
 * the whole write back, so nothing is half-written.
 */
class GuardedClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes them all through.
  override query(...args: any[]): any {
    const values: unknown = args[1] ?? (typeof args[0] === "object" && args[0] !== null ? args[0].values : undefined);
    if (Array.isArray(values) && values.some(holdsNul)) {
      const refused = new CairnError("INVALID_PARAMETER_VALUE", "Invalid value: text may not contain NUL (\\u0000) characters.");
      return typeof args[args.length - 1] === "function" ? args[args.length - 1](refused) : Promise.reject(refused);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const result = (super.query as (...all: any[]) => any)(...args);
    return result instanceof Promise ? result.catch(translateDataException) : result;
  }
}

function translateDataException(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("22")) {
    const message = error instanceof Error ? error.message : "";
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid value: ${message.slice(0, 200)}`);
  }
  throw error;
}

/** Opens a pooled PostgreSQL connection; PostgreSQL does its own group commit. */
export function openPostgres(connectionString: string): SqlConnection {
  const pool = new pg.Pool({ connectionString, max: 10, types, Client: GuardedClient });
  // An idle client losing its server must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const stopStatistics = keepStatisticsFresh(db);
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
    close() {
      stopStatistics();
      return db.destroy();
    },
  };
}
