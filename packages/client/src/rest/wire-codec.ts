/**
 * MLflow's JSON dialect on the client side: NaN and ±Infinity travel as strings both ways, and
 * GET requests carry their fields as a query string with repeated keys for lists.
 */

/** JSON.stringify replacer for doubles the JSON grammar cannot spell. */
export function encodeSpecialNumbers(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    if (Number.isNaN(value)) return "NaN";
    return value > 0 ? "Infinity" : "-Infinity";
  }
  return value;
}

/** A request body as JSON; the replacer only runs when a body holds such a number. */
export function encodeJson(body: unknown): string {
  return JSON.stringify(body, encodeSpecialNumbers);
}

const SPECIAL: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** A metric value as the wire sends it (a number, or one of the special strings). */
export function decodeDouble(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") return SPECIAL[value] ?? Number(value);
  return Number.NaN;
}

/**
 * Query string of a GET request: `undefined` fields are left out, lists repeat their key and
 * booleans are spelled `true`/`false` (what MLflow's GET parsing accepts).
 *
 * @example
 * toQueryString({ run_ids: ["a", "b"], metric_key: "loss" }); // "run_ids=a&run_ids=b&metric_key=loss"
 */
export function toQueryString(body: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  return query.toString();
}
