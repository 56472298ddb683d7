import type { BulkIntervalInput, Metric, MetricHistoryInput, PagedList } from "@cairn/core";
import { type Kysely, sql } from "kysely";
import type { HistoryCursor, HistoryWindow, MetricHistoryRow } from "./capabilities.js";
import { decodeHistoryToken, encodeHistoryToken } from "./page-token.js";
import { findRun } from "./require-run.js";
import { toMetric } from "./rows.js";
import type { Database } from "./schema.js";
import type { StoreContext } from "./store-context.js";

/**
 * Every point of one key in MLflow's order (timestamp, step, value; then is_nan, so the order
 * is total), paged by MLflow-compatible tokens (see `encodeHistoryToken`). Like MLflow's SQL
 * store it does not look the run up: an unknown run has an empty history.
 */
export async function getMetricHistory(
  ctx: StoreContext,
  runId: string,
  key: string,
  input: MetricHistoryInput,
): Promise<PagedList<Metric>> {
  const { offset, after } = decodeHistoryToken(input.pageToken);
  // One row past the page tells whether another page follows.
  const window: HistoryWindow = { limit: input.maxResults === undefined ? undefined : input.maxResults + 1, offset, after };
  const points = ctx.conn.readMetricHistory
    ? await ctx.conn.readMetricHistory(runId, key, window)
    : (await readWithQueryBuilder(ctx, runId, key, window)).map(toMetric);
  const hasMore = input.maxResults !== undefined && points.length > input.maxResults;
  const items = hasMore ? points.slice(0, input.maxResults) : points;
  const page: PagedList<Metric> = { items };
  if (hasMore) page.next_page_token = encodeHistoryToken(offset + items.length, cursorOf(items[items.length - 1] as Metric));
  return page;
}

/** The cursor after `metric`; none after an infinite value, which JSON cannot carry (paging then falls back to the offset). */
function cursorOf(metric: Metric): HistoryCursor | undefined {
  const isNan = Number.isNaN(metric.value);
  if (!isNan && !Number.isFinite(metric.value)) return undefined;
  return [metric.timestamp, metric.step, isNan ? 0 : metric.value, isNan ? 1 : 0];
}

/** `(timestamp, step, value, is_nan) > cursor`: a row-value comparison, on every engine Cairn runs on. */
function afterCursor(cursor: HistoryCursor) {
  const [timestamp, step, value, isNan] = cursor;
  return sql<boolean>`(timestamp, step, value, is_nan) > (${timestamp}, ${step}, ${value}, ${isNan})`;
}

function readWithQueryBuilder(ctx: StoreContext, runId: string, key: string, window: HistoryWindow): Promise<MetricHistoryRow[]> {
  const db: Kysely<Database> = ctx.conn.reader;
  let query = db
    .selectFrom("metrics")
    .select(["key", "value", "timestamp", "step", "is_nan", "model_id", "dataset_name", "dataset_digest"])
    .where("run_uuid", "=", runId)
    .where("key", "=", key)
    .orderBy("timestamp")
    .orderBy("step")
    .orderBy("value")
    .orderBy("is_nan");
  if (window.after) query = query.where(afterCursor(window.after));
  const offset = window.after ? 0 : window.offset;
  if (window.limit !== undefined) query = query.limit(window.limit).offset(offset);
  else if (offset > 0) query = query.limit(Number.MAX_SAFE_INTEGER).offset(offset);
  return query.execute();
}

/**
 * Downsampled histories for charts. For each run, the distinct steps in [start, end] are
 * thinned to at most `maxResults` evenly spaced ones, always keeping the first and the last;
 * all points at a kept step are returned. Runs come back in the order given.
 */
export async function getMetricHistoryBulkInterval(ctx: StoreContext, input: BulkIntervalInput): Promise<Metric[]> {
  const db = ctx.conn.reader;
  const out: Metric[] = [];
  for (const runId of input.runIds) {
    await findRun(db, runId);
    let query = db
      .selectFrom("metrics")
      .select(["key", "value", "timestamp", "step", "is_nan", "model_id", "dataset_name", "dataset_digest"])
      .where("run_uuid", "=", runId)
      .where("key", "=", input.metricKey);
    if (input.startStep !== undefined) query = query.where("step", ">=", input.startStep);
    if (input.endStep !== undefined) query = query.where("step", "<=", input.endStep);
    const rows = await query.orderBy("step").orderBy("timestamp").orderBy("value").execute();
    const steps = [...new Set(rows.map((row) => row.step))];
    const kept = new Set(sampleEvenly(steps, input.maxResults));
    for (const row of rows) if (kept.has(row.step)) out.push({ ...toMetric(row), run_id: runId });
  }
  return out;
}

/** At most `count` items of a sorted list, evenly spaced, first and last included. */
export function sampleEvenly<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  if (count <= 1) return items.slice(0, Math.max(count, 0));
  const picked: T[] = [];
  const stride = (items.length - 1) / (count - 1);
  for (let index = 0; index < count; index++) picked.push(items[Math.round(index * stride)] as T);
  return picked;
}
