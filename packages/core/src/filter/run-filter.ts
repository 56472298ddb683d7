import { invalidParameter } from "../errors/index.js";
import { parseClauses, parseOrderByParts } from "./clause-parser.js";
import { resolveAttribute, resolveEntity, type SearchRules, typeClause } from "./entity-rules.js";
import type { FilterClause, OrderByClause } from "./filter-ast.js";

/** search-runs (mlflow-wire.md §3.2). */
export const RUN_SEARCH_RULES: SearchRules = {
  entities: {
    metric: "metric",
    metrics: "metric",
    param: "param",
    params: "param",
    parameter: "param",
    parameters: "param",
    tag: "tag",
    tags: "tag",
    attribute: "attribute",
    attributes: "attribute",
    attr: "attribute",
    run: "attribute",
    dataset: "dataset",
    datasets: "dataset",
  },
  attributeAliases: {
    created: "start_time",
    Created: "start_time",
    "run name": "run_name",
    "Run name": "run_name",
    "Run Name": "run_name",
  },
  numericAttributes: ["start_time", "end_time"],
  stringAttributes: ["run_id", "run_name", "user_id", "status", "artifact_uri"],
  listAttributes: ["run_id"],
  datasetKeys: ["name", "digest", "context"],
  keyValueComparators: {
    param: ["=", "!=", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL"],
    tag: ["=", "!=", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL"],
  },
};

/**
 * Parses a search-runs filter. An empty or absent filter is no clause at all.
 *
 * @example
 * parseRunFilter("metrics.acc > 0.5 and params.lr = '0.01'");
 * // [{ type: "metric", key: "acc", comparator: ">", value: 0.5 }, { type: "param", key: "lr", comparator: "=", value: "0.01" }]
 */
export function parseRunFilter(filter: string | undefined): FilterClause[] {
  if (!filter || filter.trim() === "") return [];
  return parseClauses(filter).map((clause) => typeClause(RUN_SEARCH_RULES, clause));
}

export function parseRunOrderBy(orderBy: string): OrderByClause {
  const parts = parseOrderByParts(orderBy);
  const type = resolveEntity(RUN_SEARCH_RULES, parts.entity);
  const key = type === "attribute" ? resolveAttribute(RUN_SEARCH_RULES, parts.key) : parts.key;
  if (type === "dataset") throw invalidParameter(`Invalid order_by clause '${orderBy}'. Could not be parsed.`);
  return { type, key, ascending: parts.ascending };
}

/** Parses every order_by entry; a field may appear only once. */
export function parseRunOrderByList(orderBy: readonly string[]): OrderByClause[] {
  return refuseDuplicates(orderBy.map(parseRunOrderBy));
}

export function refuseDuplicates(clauses: OrderByClause[]): OrderByClause[] {
  const seen = new Set<string>();
  for (const clause of clauses) {
    const id = `${clause.type}.${clause.key}`;
    if (seen.has(id)) throw invalidParameter(`\`order_by\` contains duplicate fields: ${id}`);
    seen.add(id);
  }
  return clauses;
}
