import { CairnError, type PagedList } from "@cairn/core";

/**
 * Page tokens are opaque to clients: base64 of `{"offset": N}`, the format MLflow's SQL store
 * uses, so a token from either server is understood by the other.
 */
export function encodeOffsetToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

export function decodeOffsetToken(token: string | undefined): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const offset = (parsed as { offset?: unknown } | undefined)?.offset;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid page token, could not base64-decode`);
  }
  return offset;
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
