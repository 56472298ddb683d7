import { invalidParameter } from "../errors/index.js";
import type { Comparator } from "./filter-ast.js";
import { type Token, tokenize } from "./tokenizer.js";

/** A clause before its entity type and value are checked against a search's rules. */
export interface RawClause {
  entity: string | null;
  key: string;
  comparator: Comparator;
  value: Token | Token[] | null;
}

/**
 * Bounds on one filter. MLflow has none, but every clause becomes a sub-query and every list
 * item a bound parameter, and engines have hard limits on both (SQLite's expression depth,
 * its bound-parameter count): past them a query fails inside the database, so refuse it here.
 */
export const MAX_FILTER_CLAUSES = 200;
export const MAX_FILTER_LIST_ITEMS = 10_000;

function invalidClause(filter: string): Error {
  return invalidParameter(`Invalid clause(s) in filter string: '${filter}'`);
}

/**
 * Parses `clause AND clause …`. MLflow's grammar is a conjunction only: OR, NOT, grouping
 * parentheses and anything left over are refused.
 */
export function parseClauses(filter: string): RawClause[] {
  const tokens = tokenize(filter);
  const clauses: RawClause[] = [];
  let index = 0;
  const next = (): Token | undefined => tokens[index++];
  const peek = (): Token | undefined => tokens[index];
  while (index < tokens.length) {
    const identifier = next();
    if (identifier?.kind !== "identifier") throw invalidClause(filter);
    const comparator = readComparator(next, peek, filter);
    let value: RawClause["value"] = null;
    if (comparator === "IN" || comparator === "NOT IN") value = readList(next, filter);
    else if (comparator !== "IS NULL" && comparator !== "IS NOT NULL") {
      const token = next();
      if (!token || token.kind === "keyword" || token.kind === "punct" || token.kind === "operator") throw invalidClause(filter);
      value = token;
    }
    clauses.push({ entity: identifier.entity, key: identifier.key, comparator, value });
    if (clauses.length > MAX_FILTER_CLAUSES) {
      throw invalidParameter(`Invalid filter string: more than ${MAX_FILTER_CLAUSES} clauses.`);
    }
    if (index < tokens.length) {
      const joiner = next();
      if (joiner?.kind !== "keyword" || joiner.value !== "AND" || index >= tokens.length) throw invalidClause(filter);
    }
  }
  return clauses;
}

function readComparator(next: () => Token | undefined, peek: () => Token | undefined, filter: string): Comparator {
  const token = next();
  if (token?.kind === "operator") return token.value as Comparator;
  if (token?.kind !== "keyword") throw invalidClause(filter);
  switch (token.value) {
    case "LIKE":
    case "ILIKE":
    case "IN":
      return token.value;
    case "NOT": {
      const following = next();
      if (following?.kind === "keyword" && following.value === "IN") return "NOT IN";
      throw invalidClause(filter);
    }
    case "IS": {
      const following = next();
      if (following?.kind === "keyword" && following.value === "NULL") return "IS NULL";
      const last = next();
      if (following?.kind === "keyword" && following.value === "NOT" && last?.kind === "keyword" && last.value === "NULL") {
        return "IS NOT NULL";
      }
      throw invalidClause(filter);
    }
    default:
      void peek;
      throw invalidClause(filter);
  }
}

function readList(next: () => Token | undefined, filter: string): Token[] {
  if (next()?.kind !== "punct") throw invalidClause(filter);
  const items: Token[] = [];
  for (;;) {
    const item = next();
    if (item?.kind !== "string")
      throw invalidParameter(
        `While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: '${filter}'`,
      );
    items.push(item);
    if (items.length > MAX_FILTER_LIST_ITEMS) {
      throw invalidParameter(`Invalid filter string: a list of more than ${MAX_FILTER_LIST_ITEMS} values.`);
    }
    const separator = next();
    if (separator?.kind === "punct" && separator.value === ")") return items;
    if (separator?.kind !== "punct" || separator.value !== ",") throw invalidClause(filter);
  }
}

/** `<identifier> [ASC|DESC]` → its parts; anything else is refused. */
export function parseOrderByParts(orderBy: string): { entity: string | null; key: string; ascending: boolean } {
  const tokens = tokenize(orderBy);
  const [identifier, direction, extra] = tokens;
  const invalid = () => invalidParameter(`Invalid order_by clause '${orderBy}'. Could not be parsed.`);
  if (identifier?.kind !== "identifier" || extra) throw invalid();
  if (!direction) return { entity: identifier.entity, key: identifier.key, ascending: true };
  const word = direction.text.toUpperCase();
  if (word !== "ASC" && word !== "DESC") throw invalid();
  return { entity: identifier.entity, key: identifier.key, ascending: word === "ASC" };
}
