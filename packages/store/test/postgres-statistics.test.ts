import { openStores } from "@cairn/store";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStaleTables } from "../src/sql/dialects/postgres-statistics.js";
import type { Database } from "../src/sql/schema.js";
import { createTestDatabase } from "./postgres-database.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

describe("postgres statistics", () => {
  it("analyzes the tables changed past autovacuum's threshold, and only those", async () => {
    const { tracking } = await openStores(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" });
    // Whatever the server's setting, autovacuum must not analyze `runs` first.
    await sql`alter table runs set (autovacuum_enabled = false)`.execute(db);
    for (let i = 0; i < 120; i++) await tracking.createRun({ experimentId: "0", startTime: i, tags: [] });
    await tracking.close();
    // The server publishes modification counts with a short delay.
    let analyzed: string[] = [];
    for (const deadline = Date.now() + 15_000; !analyzed.includes("runs") && Date.now() < deadline; ) {
      analyzed = await analyzeStaleTables(db);
      if (!analyzed.includes("runs")) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(analyzed).toContain("runs");
    expect(analyzed).not.toContain("registered_models");
    const runs = await db
      .selectFrom("pg_stat_user_tables" as never)
      .select(["last_analyze" as never])
      .where("relname" as never, "=", "runs" as never)
      .executeTakeFirst();
    expect((runs as { last_analyze: Date | null } | undefined)?.last_analyze).toBeInstanceOf(Date);
    // Analyzed tables are no longer stale.
    expect(await analyzeStaleTables(db)).not.toContain("runs");
  });
});
