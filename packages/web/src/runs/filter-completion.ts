/**
 * Completion for MLflow's run filter (`metrics.loss < 0.5 and params.lr = '0.01'`): what the
 * word under the cursor could become. Pure functions, so the box and its tests share them.
 */

export interface CompletionSource {
  params: string[];
  metrics: string[];
  tags: string[];
  /** Values seen per `params.x` / `tags.x` / `attributes.status` key. */
  values(key: string): string[];
}

export interface Suggestion {
  /** What is inserted in place of [from, to). */
  text: string;
  label: string;
}

export interface Completion {
  from: number;
  to: number;
  suggestions: Suggestion[];
}

const ATTRIBUTE_KEYS = [
  "attributes.status",
  "attributes.run_name",
  "attributes.start_time",
  "attributes.end_time",
  "attributes.user_id",
  "attributes.run_id",
];
export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];

/** Keys with characters beyond MLflow's plain identifiers are written in backticks. */
function quoteKey(prefix: string, key: string): string {
  return /^[\w.]+$/.test(key) && !/^\d/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key}\``;
}

function allKeys(source: CompletionSource): string[] {
  return [
    ...source.metrics.map((key) => quoteKey("metrics", key)),
    ...source.params.map((key) => quoteKey("params", key)),
    ...source.tags.map((key) => quoteKey("tags", key)),
    ...ATTRIBUTE_KEYS,
  ];
}

/** Reads `params.lr` or ``params.`my key` `` back to the store's key name. */
function unquote(key: string): string {
  return key.replace(/`([^`]*)`/g, "$1");
}

/** The filter's clause before the cursor: `<key> <op> <partial value>` or a partial key. */
const VALUE_CONTEXT =
  /((?:metrics|params|tags|attributes|attr|metric|param|tag)\.(?:`[^`]*`|[\w.]+))\s*(=|!=|<=|>=|<|>|LIKE|ILIKE|IN)\s*\(?\s*('?)([^'\s]*)$/i;
const KEY_CONTEXT = /(?:^|\s|\()([\w.`]*)$/;

export function complete(text: string, cursor: number, source: CompletionSource, limit = 12): Completion {
  const before = text.slice(0, cursor);
  const value = VALUE_CONTEXT.exec(before);
  if (value) {
    const [, rawKey, , quote, partial] = value as unknown as [string, string, string, string, string];
    const key = unquote(rawKey).replace(/^(attr|attributes)\./i, "attributes.");
    const from = cursor - partial.length - quote.length;
    const candidates = key.toLowerCase() === "attributes.status" ? RUN_STATUSES : source.values(key);
    const numeric = key.startsWith("metrics.");
    const suggestions = candidates
      .filter((candidate) => candidate.toLowerCase().startsWith(partial.toLowerCase()))
      .slice(0, limit)
      .map((candidate) => ({ text: numeric ? candidate : `'${candidate.replaceAll("'", "\\'")}'`, label: candidate }));
    return { from, to: cursor, suggestions };
  }
  const word = KEY_CONTEXT.exec(before)?.[1] ?? "";
  const from = cursor - word.length;
  // Right after a complete clause the next word is `and`.
  if (word === "" && /(?:'|\d|\))\s+$/.test(before)) return { from, to: cursor, suggestions: [{ text: "and ", label: "and" }] };
  // Compared without backticks, so `params.b` finds ``params.`batch size` ``.
  const plain = (key: string) => key.replaceAll("`", "").toLowerCase();
  const lower = plain(word);
  const keys = allKeys(source);
  const starts = keys.filter((key) => plain(key).startsWith(lower));
  // A bare word also finds keys by their name alone (`loss` → `metrics.loss`).
  const contains = lower ? keys.filter((key) => !plain(key).startsWith(lower) && plain(key).includes(lower)) : [];
  const suggestions = [...starts, ...contains].slice(0, limit).map((key) => ({ text: `${key} `, label: key }));
  return { from, to: cursor, suggestions };
}

/** Applies a suggestion; returns the new text and cursor. */
export function applySuggestion(text: string, completion: Completion, suggestion: Suggestion): { text: string; cursor: number } {
  const next = text.slice(0, completion.from) + suggestion.text + text.slice(completion.to);
  return { text: next, cursor: completion.from + suggestion.text.length };
}
