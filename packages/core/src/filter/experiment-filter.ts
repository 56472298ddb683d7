import { invalidParameter } from "../errors/index.js";
import { parseClauses, parseOrderByParts } from "./clause-parser.js";
import { resolveEntity, type SearchRules, typeClause } from "./entity-rules.js";
import type { FilterClause, OrderByClause } from "./filter-ast.js";
import { refuseDuplicates } from "./run-filter.js";

/** search-experiments (mlflow-wire.md §3.3). */
export const EXPERIMENT_SEARCH_RULES: SearchRules = {
  entities: { attribute: "attribute", attributes: "attribute", attr: "attribute", tag: "tag", tags: "tag" },
  attributeAliases: {},
  numericAttributes: ["creation_time", "last_update_time"],
  stringAttributes: ["name"],
  listAttributes: [],
  datasetKeys: [],
  keyValueComparators: { tag: ["=", "!=", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL"] },
};

const ORDERABLE = ["name", "experiment_id", "creation_time", "last_update_time"];

export function parseExperimentFilter(filter: string | undefined): FilterClause[] {
  if (!filter || filter.trim() === "") return [];
  return parseClauses(filter).map((clause) => typeClause(EXPERIMENT_SEARCH_RULES, clause));
}

export function parseExperimentOrderBy(orderBy: string): OrderByClause {
  const parts = parseOrderByParts(orderBy);
  const type = resolveEntity(EXPERIMENT_SEARCH_RULES, parts.entity);
  if (type !== "attribute" || !ORDERABLE.includes(parts.key)) {
    throw invalidParameter(`Invalid attribute key '${parts.key}' specified. Valid keys are '${JSON.stringify(ORDERABLE)}'`);
  }
  return { type, key: parts.key, ascending: parts.ascending };
}

export function parseExperimentOrderByList(orderBy: readonly string[]): OrderByClause[] {
  return refuseDuplicates(orderBy.map(parseExperimentOrderBy));
}
