import type { Kysely } from "kysely";
import type { SqlConnection } from "./capabilities.js";
import { MIGRATIONS } from "./migrations/index.js";

type MigrationsDb = Kysely<{ cairn_migrations: { id: string; applied_at: number } }>;

/**
 * Applies pending migrations, each in its own transaction, recording them in
 * `cairn_migrations`. Safe to run from several replicas at once: on PostgreSQL and MySQL a lock
 * held on one connection (an advisory lock, a named lock) makes replicas take turns, and a
 * migration is recorded once it has run (on MySQL, whose DDL commits implicitly, one that failed
 * half-way is then not skipped). SQLite has a single writer.
 */
export async function migrate(connection: SqlConnection): Promise<string[]> {
  const lock = connection.capabilities.migrationLock;
  if (!lock) return migrateOn(connection, connection.writer as unknown as MigrationsDb);
  return connection.writer.connection().execute(async (db) => {
    const acquired = (await lock.acquire.execute(db)).rows[0] as { acquired?: unknown } | undefined;
    // MySQL's get_lock answers 0 after its timeout (NULL on error) rather than failing.
    if (Number(acquired?.acquired) !== 1) throw new Error("Could not take the migration lock: another replica still holds it.");
    try {
      return await migrateOn(connection, db as unknown as MigrationsDb);
    } finally {
      await lock.release.execute(db);
    }
  });
}

async function migrateOn(connection: SqlConnection, db: MigrationsDb): Promise<string[]> {
  const recordFirst = connection.capabilities.migrationLock === undefined;
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
      const record = () => trx.insertInto("cairn_migrations").values({ id: migration.id, applied_at: Date.now() }).execute();
      if (recordFirst) await record();
      await migration.up(trx as unknown as Kysely<unknown>, connection.capabilities);
      if (!recordFirst) await record();
    });
    appliedNow.push(migration.id);
  }
  return appliedNow;
}
