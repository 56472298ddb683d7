/**
 * The parsed form of MLflow's search filters (`metrics.acc > 0.5 and params.lr = '0.01'`) and
 * order_by clauses. Every backend compiles this AST; none parses strings itself.
 */
export type EntityType = "metric" | "param" | "tag" | "attribute" | "dataset";

export type Comparator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "IN" | "NOT IN" | "IS NULL" | "IS NOT NULL";

export interface FilterClause {
  type: EntityType;
  /** Canonical key: attribute aliases (`created`, `run name`) are resolved. */
  key: string;
  comparator: Comparator;
  /** A number for numeric comparisons, a list for IN, null for IS [NOT] NULL, else a string. */
  value: string | number | string[] | null;
}

export interface OrderByClause {
  type: EntityType;
  key: string;
  ascending: boolean;
}
