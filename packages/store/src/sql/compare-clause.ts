import { assertNever, type FilterClause } from "@cairn/core";
import { type Expression, type SqlBool, sql } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";

/**
 * One parsed filter clause applied to one column, for every search (runs, experiments,
 * registered models, model versions). Each search's grammar decides which comparators reach
 * here; the SQL for a comparator is the same everywhere.
 */
export function compareClause(caps: DialectCapabilities, column: Expression<unknown>, clause: FilterClause): Expression<SqlBool> {
  const { comparator, value } = clause;
  switch (comparator) {
    case "=":
    case "!=":
    case ">":
    case ">=":
    case "<":
    case "<=":
      return sql<SqlBool>`${column} ${sql.raw(comparator === "!=" ? "<>" : comparator)} ${value}`;
    case "LIKE":
      // Case-sensitive on every engine, as in MLflow (SQLite runs with case_sensitive_like).
      return sql<SqlBool>`${column} like ${value}`;
    case "ILIKE":
      return caps.ilike(sql`${column}`, String(value));
    case "IN":
    case "NOT IN": {
      const list = Array.isArray(value) ? value : [String(value)];
      if (list.length === 0) return sql<SqlBool>`${sql.lit(comparator === "NOT IN")}`;
      return sql<SqlBool>`${column} ${sql.raw(comparator)} (${sql.join(list)})`;
    }
    case "IS NULL":
      return sql<SqlBool>`${column} is null`;
    case "IS NOT NULL":
      return sql<SqlBool>`${column} is not null`;
    default:
      return assertNever(comparator);
  }
}
