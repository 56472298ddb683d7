import { invalidParameter, type LoggedModelOrderBy } from "@cairn/core";

/**
 * search-logged-models' page token, in MLflow's format (`SearchLoggedModelsPaginationToken`):
 * base64 of `{experiment_ids, filter_string, order_by, offset}`. A token only continues the
 * search it was made for; used with other experiments, filter or order it is refused, since
 * an offset into a different result would silently skip or repeat models.
 */
export interface LoggedModelsPageToken {
  experiment_ids: string[];
  filter_string: string | null;
  order_by: Array<{ field_name: string; ascending: boolean; dataset_name: string | null; dataset_digest: string | null }> | null;
  offset: number;
}

export function normaliseOrderBy(orderBy: readonly LoggedModelOrderBy[] | undefined): LoggedModelsPageToken["order_by"] {
  if (!orderBy || orderBy.length === 0) return null;
  return orderBy.map((entry) => ({
    field_name: entry.field_name,
    ascending: entry.ascending ?? true,
    dataset_name: entry.dataset_name || null,
    dataset_digest: entry.dataset_digest || null,
  }));
}

export function encodeLoggedModelsToken(token: LoggedModelsPageToken): string {
  return Buffer.from(JSON.stringify(token)).toString("base64");
}

/** The offset a token continues from, after checking it belongs to this search. */
export function decodeLoggedModelsToken(token: string, expected: Omit<LoggedModelsPageToken, "offset">): number {
  let parsed: Partial<LoggedModelsPageToken> | undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    parsed = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Partial<LoggedModelsPageToken>) : undefined;
  } catch {
    parsed = undefined;
  }
  const offset = parsed?.offset ?? 0;
  if (!parsed || typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) {
    throw invalidParameter(`Invalid page token: ${token.slice(0, 200)}.`);
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!same(parsed.experiment_ids, expected.experiment_ids)) {
    throw invalidParameter(
      `Experiment IDs in the page token do not match the requested experiment IDs. Expected: ${JSON.stringify(expected.experiment_ids)}. Found: ${JSON.stringify(parsed.experiment_ids ?? null)}`,
    );
  }
  if (!same(parsed.filter_string || null, expected.filter_string)) {
    throw invalidParameter(
      `Filter string in the page token does not match the requested filter string. Expected: ${expected.filter_string}. Found: ${parsed.filter_string ?? null}`,
    );
  }
  if (!same(parsed.order_by || null, expected.order_by)) {
    throw invalidParameter(
      `Order by in the page token does not match the requested order by. Expected: ${JSON.stringify(expected.order_by)}. Found: ${JSON.stringify(parsed.order_by ?? null)}`,
    );
  }
  return offset;
}
