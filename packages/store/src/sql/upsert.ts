import { type InsertQueryBuilder, type RawBuilder, sql } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";

/**
 * Insert, or on a key conflict update the stored row: `ON CONFLICT (keys) DO UPDATE SET …` on
 * SQLite and PostgreSQL, `ON DUPLICATE KEY UPDATE …` on MySQL. `set` gets `incoming(column)`,
 * the value the insert tried to write, and may read the stored row as `table.column`.
 *
 * MySQL applies the assignments left to right, each seeing the ones before it: list a column
 * that a condition reads after the columns set under that condition.
 *
 * @example
 * await onConflictUpdate(caps, trx.insertInto("tags").values(rows), ["run_uuid", "key"], (incoming) => ({ value: incoming("value") })).execute();
 */
export function onConflictUpdate<DB, TB extends keyof DB & string, O>(
  caps: DialectCapabilities,
  insert: InsertQueryBuilder<DB, TB, O>,
  keys: readonly (keyof DB[TB] & string)[],
  set: (incoming: (column: string) => RawBuilder<unknown>) => Record<string, unknown>,
): InsertQueryBuilder<DB, TB, O> {
  // The update object is typed loosely: the two clauses type their tables differently.
  const update = set((column) => caps.incoming(column)) as never;
  return caps.upsert === "on-duplicate-key"
    ? insert.onDuplicateKeyUpdate(update)
    : insert.onConflict((oc) => oc.columns(keys as never).doUpdateSet(update));
}

/**
 * Insert, skipping rows whose key is already stored (`ON CONFLICT DO NOTHING`). MySQL has no
 * such clause and `INSERT IGNORE` would also swallow other errors, so there a duplicate "updates"
 * `column` (any column of the table) to itself, which changes nothing.
 */
export function onConflictIgnore<DB, TB extends keyof DB & string, O>(
  caps: DialectCapabilities,
  insert: InsertQueryBuilder<DB, TB, O>,
  column: keyof DB[TB] & string,
): InsertQueryBuilder<DB, TB, O> {
  return caps.upsert === "on-duplicate-key"
    ? insert.onDuplicateKeyUpdate({ [column]: sql.ref(column) } as never)
    : insert.onConflict((oc) => oc.doNothing());
}
