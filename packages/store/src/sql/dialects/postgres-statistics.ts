import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.js";

/** How often the tables' modification counts are checked (autovacuum's default naptime is 60 s). */
const CHECK_INTERVAL_MS = 30_000;

/**
 * Keeps the planner's statistics fresh on a PostgreSQL server whose autovacuum is off. Without
 * them a search over thousands of runs just logged is planned for tables of one row: a filtered,
 * metric-ordered search of 10,000 runs took 3 s instead of 40 ms. Every `CHECK_INTERVAL_MS` the
 * tables changed by more than autovacuum's own analyze threshold (50 rows + 10 %) are analyzed.
 * With autovacuum on, as PostgreSQL ships, this does nothing. Returns the stop function.
 */
export function keepStatisticsFresh(db: Kysely<Database>, intervalMs = CHECK_INTERVAL_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running = false;
  const analyzeRound = async () => {
    if (running) return;
    running = true;
    try {
      await analyzeStaleTables(db, () => stopped);
    } catch {
      // Statistics only make plans better; a failed round is retried at the next check.
    } finally {
      running = false;
    }
  };
  void sql<{ autovacuum: string }>`select current_setting('autovacuum') as autovacuum`
    .execute(db)
    .then((result) => {
      if (stopped || result.rows[0]?.autovacuum === "on") return;
      timer = setInterval(analyzeRound, intervalMs);
      timer.unref();
    })
    .catch(() => {});
  return () => {
    stopped = true;
    if (timer) clearInterval(timer);
  };
}

/** Analyzes the tables of the current schema changed by more than autovacuum's analyze threshold. */
export async function analyzeStaleTables(db: Kysely<Database>, stopped: () => boolean = () => false): Promise<string[]> {
  const stale = await sql<{ relname: string }>`select relname from pg_stat_user_tables
    where schemaname = current_schema() and n_mod_since_analyze > 50 + 0.1 * n_live_tup`.execute(db);
  const analyzed: string[] = [];
  for (const { relname } of stale.rows) {
    if (stopped()) break;
    await sql`analyze ${sql.id(relname)}`.execute(db);
    analyzed.push(relname);
  }
  return analyzed;
}
