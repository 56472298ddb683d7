import { CompiledQuery, type Expression, Kysely, MysqlDialect, type RawBuilder, sql } from "kysely";
import mysql from "mysql2";
import type { DialectCapabilities, SqlConnection } from "../capabilities.js";
import { metricRowValues } from "../rows.js";
import type { Database, MetricsTable } from "../schema.js";

/** The engine's answers, given the binary collation the server offers (see `binaryCollation`). */
const capabilitiesFor = (collation: string): DialectCapabilities => ({
  autoIncrementType: "integer",
  clusteredTables: false,
  ilike: (column: RawBuilder<unknown>, pattern: string) => sql<boolean>`lower(${column}) like lower(${pattern})`,
  upsert: "on-duplicate-key",
  incoming: (column: string) => sql`values(${sql.ref(column)})`,
  // MariaDB has INSERT … RETURNING, MySQL does not: both report the insert id.
  insertReturning: false,
  intDiv: (dividend: Expression<unknown>, divisor: Expression<unknown>) => sql<number>`(${dividend}) div ${divisor}`,
  textType: sql`mediumtext`,
  migrationLock: {
    acquire: sql`select get_lock('cairn_migrations', 600) as acquired`,
    release: sql`select release_lock('cairn_migrations')`,
  },
  // MLflow compares names and values case-sensitively: a binary collation does that for =,
  // LIKE and unique keys alike (the server's default collation is case-insensitive).
  tableOptions: sql`engine = InnoDB default character set utf8mb4 collate ${sql.raw(collation)}`,
  keyPart: (column: string, chars: number) => sql`${sql.ref(column)}(${sql.lit(chars)})`,
});

/**
 * A case-sensitive collation that does not pad: with `utf8mb4_bin`, 'a' = 'a ' (PAD SPACE), so
 * a tag key and the same key with a trailing space would be one row. MariaDB calls it
 * `utf8mb4_nopad_bin`, MySQL 8 `utf8mb4_0900_bin`; older servers get `utf8mb4_bin`.
 */
async function binaryCollation(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ Collation: string }>`show collation where Collation in ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')`.execute(
    db,
  );
  return rows[0]?.Collation ?? "utf8mb4_bin";
}

/**
 * MySQL's DOUBLE cannot hold infinities; like MLflow's SQL store, ±Infinity is written as the
 * largest finite double (and NaN never reaches here: it is stored as 0 with `is_nan`).
 */
function storable(value: unknown): unknown {
  if (typeof value === "number") {
    if (value === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
    if (value === Number.NEGATIVE_INFINITY) return -Number.MAX_VALUE;
    return value;
  }
  return Array.isArray(value) ? value.map(storable) : value;
}

/** …and read back as the infinity it stood for, so every backend returns what was logged. */
const typeCast: mysql.TypeCast = (field, next) => {
  if (field.type !== "DOUBLE") return next();
  const text = field.string();
  if (text === null) return null;
  const value = Number(text);
  if (value === Number.MAX_VALUE) return Number.POSITIVE_INFINITY;
  if (value === -Number.MAX_VALUE) return Number.NEGATIVE_INFINITY;
  return value;
};

/**
 * Per connection: strict mode (an over-long value fails instead of being cut),
 * NO_AUTO_VALUE_ON_ZERO (the Default experiment's id is 0), and READ COMMITTED, which takes
 * no gap locks, as PostgreSQL's default does not.
 */
const SESSION_SETUP = [
  "set session sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO'",
  "set session transaction isolation level read committed",
];

/** InnoDB picks a victim when concurrent upserts deadlock; its transaction is safe to run again. */
const DEADLOCK_RETRIES = 3;

function isDeadlock(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { errno?: unknown }).errno === 1213;
}

/**
 * Opens a pooled MySQL or MariaDB connection (`mysql://user:pass@host:port/db`); each `write`
 * is one transaction, as on PostgreSQL.
 */
export async function openMysql(uri: string): Promise<SqlConnection> {
  const pool = mysql.createPool({
    uri,
    connectionLimit: 10,
    charset: "utf8mb4",
    // BIGINT columns are timestamps and steps: numbers, like on the other engines.
    supportBigNumbers: false,
    bigNumberStrings: false,
    decimalNumbers: true,
    typeCast,
    queryFormat(query: string, values: unknown) {
      return mysql.format(query, storable(values) as Parameters<typeof mysql.format>[1]);
    },
  });
  // An idle connection losing its server must not crash the process.
  pool.on("connection", (connection) => connection.on("error", () => {}));
  const db = new Kysely<Database>({
    dialect: new MysqlDialect({
      pool,
      async onCreateConnection(connection) {
        for (const statement of SESSION_SETUP) await connection.executeQuery(CompiledQuery.raw(statement));
      },
    }),
  });
  const capabilities = capabilitiesFor(await binaryCollation(db));
  return {
    capabilities,
    reader: db,
    writer: db,
    async write(work) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute(work);
        } catch (error) {
          if (!isDeadlock(error) || attempt >= DEADLOCK_RETRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
        }
      }
    },
    async insertMetricRows(trx, rows: readonly MetricsTable[]) {
      // One multi-row statement: the driver expands the nested array into `(…), (…)`. An
      // exact duplicate (a retried point) "updates" its run id to itself, which changes nothing.
      const values = rows.map(metricRowValues);
      await sql`insert into metrics (run_uuid, ${sql.ref("key")}, step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest)
        values ${values} on duplicate key update run_uuid = run_uuid`.execute(trx);
    },
    close: () => db.destroy(),
  };
}
