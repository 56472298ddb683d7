import { CairnError, type PagedList } from "@cairn/core";

/**
 * Page tokens are opaque to clients: base64 of `{"offset": N}`, the format MLflow's SQL store
 * uses, so a token from either server is understood by the other.
 */
export function encodeOffsetToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

export function decodeOffsetToken(token: string | undefined): number {
  return decodeToken(token).offset;
}

/** A token's JSON, with its offset checked; anything malformed is MLflow's invalid-token error. */
function decodeToken(token: string | undefined): { offset: number; fields: Record<string, unknown> } {
  if (!token) return { offset: 0, fields: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const offset = (parsed as { offset?: unknown } | undefined)?.offset;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) throw invalidToken();
  return { offset, fields: parsed as Record<string, unknown> };
}

function invalidToken(): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", `Invalid page token, could not base64-decode`);
}

/** Where a page of a history ended: its last point's timestamp, step, stored value and is_nan. */
export type HistoryCursor = readonly [timestamp: number, step: number, value: number, isNan: number];

/**
 * A metric history token: MLflow's `{"offset": N}`, plus where the page ended in the history's
 * order. The next page then sorts only the points after it, instead of every point before it
 * too, and a point logged meanwhile cannot put another point on two pages. MLflow reads only
 * the offset, so each server still understands the other's tokens.
 */
export function encodeHistoryToken(offset: number, after: HistoryCursor | undefined): string {
  return Buffer.from(JSON.stringify(after ? { offset, after } : { offset })).toString("base64");
}

export function decodeHistoryToken(token: string | undefined): { offset: number; after?: HistoryCursor } {
  const { offset, fields } = decodeToken(token);
  const after = fields["after"];
  if (after === undefined) return { offset };
  if (!Array.isArray(after) || after.length !== 4 || !after.every((item) => typeof item === "number" && Number.isFinite(item))) {
    throw invalidToken();
  }
  return { offset, after: after as unknown as HistoryCursor };
}

/**
 * One page of an offset-paged listing. `fetch` is asked for one row more than the page holds:
 * that row's presence says another page follows, and only then is a token given (so the last
 * page carries none).
 *
 * @example
 * return fetchOffsetPage(input.pageToken, input.maxResults, (limit, offset) => query.limit(limit).offset(offset).execute(), toItems);
 */
export async function fetchOffsetPage<Row, Item>(
  pageToken: string | undefined,
  maxResults: number,
  fetch: (limit: number, offset: number) => Promise<Row[]>,
  toItems: (rows: Row[]) => Item[] | Promise<Item[]>,
): Promise<PagedList<Item>> {
  const offset = decodeOffsetToken(pageToken);
  const rows = await fetch(maxResults + 1, offset);
  const hasMore = rows.length > maxResults;
  const pageRows = hasMore ? rows.slice(0, maxResults) : rows;
  const page: PagedList<Item> = { items: await toItems(pageRows) };
  if (hasMore) page.next_page_token = encodeOffsetToken(offset + pageRows.length);
  return page;
}
