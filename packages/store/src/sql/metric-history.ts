import type { BulkIntervalInput, Metric, MetricHistoryInput, PagedList } from "@cairn/core";
import { sql } from "kysely";
import { decodeHistoryToken, encodeHistoryToken, type HistoryCursor } from "./page-token.js";
import { findRun } from "./require-run.js";
import { toMetric } from "./rows.js";
import type { MetricsTable } from "./schema.js";
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
  let query = ctx.conn.reader
    .selectFrom("metrics")
    .select(HISTORY_COLUMNS)
    .where("run_uuid", "=", runId)
    .where("key", "=", key)
    .orderBy("timestamp")
    .orderBy("step")
    .orderBy("value")
    .orderBy("is_nan");
  if (after) query = query.where(afterCursor(after));
  const skip = after ? 0 : offset;
  // One row past the page tells whether another page follows.
  if (input.maxResults !== undefined) query = query.limit(input.maxResults + 1).offset(skip);
  else if (skip > 0) query = query.limit(Number.MAX_SAFE_INTEGER).offset(skip);
  const points: Metric[] = [];
  // One scratch row for either way of reading: only the metrics built from it are kept.
  const row: Omit<MetricsTable, "run_uuid"> = {
    key,
    value: 0,
    timestamp: 0,
    step: 0,
    is_nan: 0,
    model_id: null,
    dataset_name: null,
    dataset_digest: null,
  };
  if (ctx.conn.readRawRows) {
    for (const columns of ctx.conn.readRawRows(query.compile()) as Iterable<HistoryColumns>) {
      [row.value, row.timestamp, row.step, row.is_nan, row.model_id, row.dataset_name, row.dataset_digest] = columns;
      points.push(toMetric(row));
    }
  } else {
    for (const read of await query.execute()) points.push(toMetric(Object.assign(row, read)));
  }
  const hasMore = input.maxResults !== undefined && points.length > input.maxResults;
  const items = hasMore ? points.slice(0, input.maxResults) : points;
  const page: PagedList<Metric> = { items };
  if (hasMore) page.next_page_token = encodeHistoryToken(offset + items.length, cursorOf(items[items.length - 1] as Metric));
  return page;
}

/** The columns a history reads, in the order `readRawRows` yields them. */
const HISTORY_COLUMNS = ["value", "timestamp", "step", "is_nan", "model_id", "dataset_name", "dataset_digest"] as const;
type HistoryColumns = [number, number, number, number, string | null, string | null, string | null];

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
