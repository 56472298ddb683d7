import { invalidParameter } from "../errors/index.js";
import { parseClauses, parseOrderByParts } from "./clause-parser.js";
import { resolveEntity, type SearchRules, typeClause } from "./entity-rules.js";
import type { FilterClause, OrderByClause } from "./filter-ast.js";
import { refuseDuplicates } from "./run-filter.js";

const ENTITIES: SearchRules["entities"] = {
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  tag: "tag",
  tags: "tag",
};

/** search-registered-models (mlflow-wire.md §3.4): `name` and `tags.<key>`, string comparators only. */
export const REGISTERED_MODEL_SEARCH_RULES: SearchRules = {
  entities: ENTITIES,
  attributeAliases: {},
  numericAttributes: [],
  stringAttributes: ["name"],
  listAttributes: [],
  datasetKeys: [],
  keyValueComparators: { tag: ["=", "!=", "LIKE", "ILIKE"] },
};

/** search-model-versions (mlflow-wire.md §3.5). `source_path` matches the `source` column. */
export const MODEL_VERSION_SEARCH_RULES: SearchRules = {
  entities: ENTITIES,
  attributeAliases: {},
  numericAttributes: ["version_number"],
  stringAttributes: ["name", "run_id", "source_path"],
  listAttributes: ["name", "run_id"],
  datasetKeys: [],
  keyValueComparators: { tag: ["=", "!=", "LIKE", "ILIKE"] },
  attributeComparators: {
    name: ["=", "!=", "LIKE", "ILIKE", "IN"],
    run_id: ["=", "!=", "IN"],
    source_path: ["=", "!=", "LIKE", "ILIKE"],
  },
};

/** MLflow's SQL store orders models by these only; both timestamp keys sort by last update (its quirk). */
const MODEL_ORDERABLE: Record<string, string> = {
  name: "name",
  timestamp: "last_updated_timestamp",
  last_updated_timestamp: "last_updated_timestamp",
};
const VERSION_ORDERABLE = ["name", "version_number", "creation_timestamp", "last_updated_timestamp"];

function parse(rules: SearchRules, filter: string | undefined): FilterClause[] {
  if (!filter || filter.trim() === "") return [];
  return parseClauses(filter).map((clause) => typeClause(rules, clause));
}

/**
 * Parses a search-registered-models filter.
 *
 * @example
 * parseRegisteredModelFilter("name LIKE 'fraud%' and tags.team = 'risk'");
 */
export function parseRegisteredModelFilter(filter: string | undefined): FilterClause[] {
  return parse(REGISTERED_MODEL_SEARCH_RULES, filter);
}

/**
 * Parses a search-model-versions filter.
 *
 * @example
 * parseModelVersionFilter("name = 'fraud' and version_number > 2");
 */
export function parseModelVersionFilter(filter: string | undefined): FilterClause[] {
  return parse(MODEL_VERSION_SEARCH_RULES, filter);
}

function parseOrderBy(rules: SearchRules, valid: Record<string, string>, orderBy: string): OrderByClause {
  const parts = parseOrderByParts(orderBy);
  const type = resolveEntity(rules, parts.entity);
  const key = valid[parts.key];
  if (type !== "attribute" || key === undefined) {
    throw invalidParameter(`Invalid order by key '${parts.key}' specified. Valid keys are '${JSON.stringify(Object.keys(valid))}'`);
  }
  return { type, key, ascending: parts.ascending };
}

/** `name`, `timestamp` or `last_updated_timestamp`, each at most once. */
export function parseRegisteredModelOrderByList(orderBy: readonly string[]): OrderByClause[] {
  return refuseDuplicates(orderBy.map((entry) => parseOrderBy(REGISTERED_MODEL_SEARCH_RULES, MODEL_ORDERABLE, entry)));
}

/** `name`, `version_number`, `creation_timestamp` or `last_updated_timestamp`, each at most once. */
export function parseModelVersionOrderByList(orderBy: readonly string[]): OrderByClause[] {
  const valid = Object.fromEntries(VERSION_ORDERABLE.map((key) => [key, key]));
  return refuseDuplicates(orderBy.map((entry) => parseOrderBy(MODEL_VERSION_SEARCH_RULES, valid, entry)));
}
