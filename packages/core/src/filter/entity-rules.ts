import { invalidParameter } from "../errors/index.js";
import type { RawClause } from "./clause-parser.js";
import type { Comparator, EntityType, FilterClause } from "./filter-ast.js";

/** How one search (runs or experiments) reads identifiers and checks their comparators. */
export interface SearchRules {
  /** Entity names and aliases → type; a bare key is an attribute. */
  entities: Record<string, EntityType>;
  /** Attribute names and aliases → canonical attribute. */
  attributeAliases: Record<string, string>;
  numericAttributes: readonly string[];
  stringAttributes: readonly string[];
  /** String attributes that also accept IN / NOT IN lists. */
  listAttributes: readonly string[];
  datasetKeys: readonly string[];
  keyValueComparators: Partial<Record<EntityType, readonly Comparator[]>>;
  /** Per-attribute comparator lists that replace the defaults (e.g. `run_id` of model versions: no LIKE). */
  attributeComparators?: Readonly<Record<string, readonly Comparator[]>>;
}

const NUMERIC: readonly Comparator[] = ["=", "!=", ">", ">=", "<", "<="];
const STRING: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE"];

function checkComparator(comparator: Comparator, allowed: readonly Comparator[]): void {
  if (!allowed.includes(comparator)) {
    throw invalidParameter(`Invalid comparator '${comparator}' not one of '${JSON.stringify(allowed)}'`);
  }
}

export function resolveEntity(rules: SearchRules, entity: string | null): EntityType {
  if (entity === null) return "attribute";
  const type = rules.entities[entity];
  if (!type) {
    throw invalidParameter(
      `Invalid entity type '${entity}'. Valid values are ${JSON.stringify([...new Set(Object.values(rules.entities))])}`,
    );
  }
  return type;
}

export function resolveAttribute(rules: SearchRules, key: string): string {
  const canonical = rules.attributeAliases[key] ?? key;
  if (!rules.numericAttributes.includes(canonical) && !rules.stringAttributes.includes(canonical)) {
    const valid = [...rules.stringAttributes, ...rules.numericAttributes];
    throw invalidParameter(`Invalid attribute key '${key}' specified. Valid keys are '${JSON.stringify(valid)}'`);
  }
  return canonical;
}

function quotedString(clause: RawClause, what: string): string {
  const token = clause.value;
  if (token === null || Array.isArray(token) || token.kind !== "string") {
    const shown = token === null || Array.isArray(token) ? "" : token.text;
    throw invalidParameter(
      `${what} value is either not quoted or unidentified quote types used for string value ${shown}. Use either single or double quotes.`,
    );
  }
  return token.value;
}

function numeric(clause: RawClause, what: string): number {
  const token = clause.value;
  if (token === null || Array.isArray(token) || token.kind !== "number") {
    const shown = token === null || Array.isArray(token) ? "" : token.text;
    throw invalidParameter(`Expected numeric value type for ${what}. Found ${shown}`);
  }
  return token.value;
}

/** Checks one raw clause against a search's rules and gives its typed form. */
export function typeClause(rules: SearchRules, clause: RawClause): FilterClause {
  const type = resolveEntity(rules, clause.entity);
  const { comparator } = clause;
  switch (type) {
    case "metric":
      checkComparator(comparator, NUMERIC);
      return { type, key: clause.key, comparator, value: numeric(clause, "metric") };
    case "param":
    case "tag": {
      const allowed = rules.keyValueComparators[type] ?? STRING;
      checkComparator(comparator, allowed);
      if (comparator === "IS NULL" || comparator === "IS NOT NULL") return { type, key: clause.key, comparator, value: null };
      return { type, key: clause.key, comparator, value: quotedString(clause, type === "param" ? "Parameter" : "Tag") };
    }
    case "dataset": {
      if (!rules.datasetKeys.includes(clause.key)) {
        throw invalidParameter(`Invalid dataset key '${clause.key}' specified. Valid keys are '${JSON.stringify(rules.datasetKeys)}'`);
      }
      return typedString(type, clause.key, clause, [...STRING, "IN", "NOT IN"]);
    }
    case "attribute": {
      const key = resolveAttribute(rules, clause.key);
      if (rules.numericAttributes.includes(key)) {
        checkComparator(comparator, NUMERIC);
        return { type, key, comparator, value: numeric(clause, "attribute") };
      }
      const allowed = rules.attributeComparators?.[key] ?? (rules.listAttributes.includes(key) ? [...STRING, "IN", "NOT IN"] : STRING);
      return typedString(type, key, clause, allowed);
    }
  }
}

function typedString(type: EntityType, key: string, clause: RawClause, allowed: readonly Comparator[]): FilterClause {
  checkComparator(clause.comparator, allowed);
  if (Array.isArray(clause.value))
    return {
      type,
      key,
      comparator: clause.comparator,
      value: clause.value.map((token) => (token.kind === "string" ? token.value : token.text)),
    };
  return { type, key, comparator: clause.comparator, value: quotedString(clause, "Attribute") };
}
