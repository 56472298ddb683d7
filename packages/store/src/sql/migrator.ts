import type { Kysely } from "kysely";
import type { SqlConnection } from "./capabilities.js";
import { MIGRATIONS } from "./migrations/index.js";

/**
 * Applies pending migrations, each in its own transaction, recording them in
 * `cairn_migrations`. Safe to run from several replicas at once on PostgreSQL: a duplicate
 * record aborts the loser's transaction, which then re-reads what is applied.
 */
export async function migrate(connection: SqlConnection): Promise<string[]> {
  const db = connection.writer as unknown as Kysely<{ cairn_migrations: { id: string; applied_at: number } }>;
  await db.schema
    .createTable("cairn_migrations")
    .ifNotExists()
    .addColumn("id", "varchar(100)", (c) => c.primaryKey())
    .addColumn("applied_at", "bigint", (c) => c.notNull())
    .execute();
  const appliedNow: string[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.selectFrom("cairn_migrations").select("id").where("id", "=", migration.id).executeTakeFirst();
    if (done) continue;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("cairn_migrations").values({ id: migration.id, applied_at: Date.now() }).execute();
      await migration.up(trx as unknown as Kysely<unknown>, connection.capabilities);
    });
    appliedNow.push(migration.id);
  }
  return appliedNow;
}
