import { type CreateTableBuilder, type Kysely, type RawBuilder, sql } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";

/**
 * `CREATE TABLE name` with the engine's table options; `clustered` stores it in primary-key
 * order where the engine makes that a choice (SQLite `WITHOUT ROWID`; InnoDB always does).
 */
export function createTable(
  db: Kysely<unknown>,
  caps: DialectCapabilities,
  name: string,
  options: { clustered?: boolean } = {},
): CreateTableBuilder<string, never> {
  let table = db.schema.createTable(name);
  if (options.clustered && caps.clusteredTables) table = table.modifyEnd(sql`without rowid`);
  if (caps.tableOptions) table = table.modifyEnd(caps.tableOptions);
  return table;
}

/**
 * The table's primary key. Where a key part is a column prefix (MySQL), which a primary key
 * constraint cannot name here, it is a unique key instead: on NOT NULL columns of a table with
 * no primary key, InnoDB clusters the table by it just the same.
 */
export function primaryKey<C extends string>(
  table: CreateTableBuilder<string, C>,
  name: string,
  parts: readonly (C | RawBuilder<unknown>)[],
): CreateTableBuilder<string, C> {
  const columns = parts.filter((part): part is C => typeof part === "string");
  return columns.length === parts.length ? table.addPrimaryKeyConstraint(name, columns) : table.addUniqueConstraint(name, [...parts]);
}
