import { invalidParameter } from "../errors/index.js";
import { parseClauses } from "./clause-parser.js";
import { type SearchRules, typeClause } from "./entity-rules.js";
import type { FilterClause } from "./filter-ast.js";

/**
 * search-logged-models (`SearchLoggedModelsUtils`): only the plural entity names, a bare key is
 * an attribute, `metrics.` and the two timestamps are numeric, everything else takes
 * `= != LIKE ILIKE`.
 */
export const LOGGED_MODEL_SEARCH_RULES: SearchRules = {
  entities: { attributes: "attribute", metrics: "metric", params: "param", tags: "tag" },
  attributeAliases: {
    creation_time: "creation_timestamp",
    creation_timestamp_ms: "creation_timestamp",
    last_updated_timestamp_ms: "last_updated_timestamp",
  },
  numericAttributes: ["creation_timestamp", "last_updated_timestamp"],
  stringAttributes: ["name", "model_id", "model_type", "status", "source_run_id"],
  listAttributes: [],
  datasetKeys: [],
  keyValueComparators: { param: ["=", "!=", "LIKE", "ILIKE"], tag: ["=", "!=", "LIKE", "ILIKE"] },
};

/**
 * Parses a search-logged-models filter; absent or blank is no clause.
 *
 * @example
 * parseLoggedModelFilter("metrics.accuracy > 0.9 AND params.lr = '0.01' AND name LIKE 'clf%'");
 */
export function parseLoggedModelFilter(filter: string | undefined): FilterClause[] {
  if (!filter || filter.trim() === "") return [];
  return parseClauses(filter).map((clause) => typeClause(LOGGED_MODEL_SEARCH_RULES, clause));
}

/** One structured order_by entry of search-logged-models (not a string, unlike other searches). */
export interface LoggedModelOrderBy {
  field_name: string;
  ascending?: boolean;
  dataset_name?: string;
  dataset_digest?: string;
}

/** A checked order key: an attribute column, or a metric optionally scoped to a dataset. */
export type LoggedModelOrderKey =
  | { type: "attribute"; key: string; ascending: boolean }
  | { type: "metric"; key: string; ascending: boolean; datasetName?: string; datasetDigest?: string };

const ORDERABLE_ATTRIBUTES = ["name", "model_id", "model_type", "status", "source_run_id", "creation_timestamp", "last_updated_timestamp"];

/**
 * Checks structured order_by entries as MLflow's SQL store does: a bare field is an attribute
 * (aliases resolved), `metrics.<key>` a metric (the latest value per model, optionally on one
 * dataset); anything else is refused.
 */
export function parseLoggedModelOrderBy(orderBy: readonly LoggedModelOrderBy[]): LoggedModelOrderKey[] {
  return orderBy.map((entry) => {
    const field = entry.field_name;
    const ascending = entry.ascending ?? true;
    const dot = field.indexOf(".");
    if (dot === -1) {
      const key = LOGGED_MODEL_SEARCH_RULES.attributeAliases[field] ?? field;
      if (!ORDERABLE_ATTRIBUTES.includes(key)) throw invalidParameter(`Invalid order by field name: ${field}`);
      return { type: "attribute", key, ascending };
    }
    if (field.slice(0, dot) !== "metrics") {
      throw invalidParameter(`Invalid order by field name: ${field}. Only metrics are supported.`);
    }
    const key: LoggedModelOrderKey = { type: "metric", key: field.slice(dot + 1).replace(/^`(.*)`$/, "$1"), ascending };
    if (entry.dataset_name) key.datasetName = entry.dataset_name;
    if (entry.dataset_digest) key.datasetDigest = entry.dataset_digest;
    return key;
  });
}
