import { openStores } from "@cairn/store";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStaleTables, keepStatisticsFresh } from "../src/sql/dialects/postgres-statistics.js";
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
    // One row (the Default experiment) is below the threshold.
    expect(analyzed).not.toContain("experiments");
    const runs = await db
      .selectFrom("pg_stat_user_tables" as never)
      .select(["last_analyze" as never])
      .where("relname" as never, "=", "runs" as never)
      .executeTakeFirst();
    expect((runs as { last_analyze: Date | null } | undefined)?.last_analyze).toBeInstanceOf(Date);
    // Analyzed tables are no longer stale.
    expect(await analyzeStaleTables(db)).not.toContain("runs");
  });

  it("runs those rounds on a timer while the server's autovacuum is off", async (context) => {
    const setting = await sql<{ autovacuum: string }>`select current_setting('autovacuum') as autovacuum`.execute(db);
    if (setting.rows[0]?.autovacuum === "on") context.skip("this server's autovacuum is on: the keeper then stays idle");
    await sql`alter table tags set (autovacuum_enabled = false)`.execute(db);
    const { tracking } = await openStores(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" });
    const runId = (await tracking.createRun({ experimentId: "0", startTime: 1, tags: [] })).info.run_id;
    await tracking.logBatch(runId, { tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: "v" })) });
    await tracking.close();
    const stop = keepStatisticsFresh(db, 100);
    try {
      const lastAnalyze = async () =>
        (await sql<{ last_analyze: Date | null }>`select last_analyze from pg_stat_user_tables where relname = 'tags'`.execute(db)).rows[0]
          ?.last_analyze;
      for (const deadline = Date.now() + 15_000; !(await lastAnalyze()) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await lastAnalyze()).toBeInstanceOf(Date);
    } finally {
      stop();
    }
  });
});
