import type { DownsampleInput, MetricSeries, MetricSummary } from "@cairn/core";
import { type RawBuilder, sql } from "kysely";
import { BUCKET_SIZES, blockOf } from "./metric-buckets.js";
import { findRun } from "./require-run.js";
import type { StoreContext } from "./store-context.js";

interface PointRow {
  step: number;
  timestamp: number;
  /** NULL for NaN. */
  value: number | null;
}

/** A bound integer inlined as a literal; every one here is computed or validated as a safe integer. */
function int(value: number) {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
  return sql.lit(value);
}

/**
 * M4 downsampling (first, last, lowest and highest point of each pixel bucket), one
 * statement per run, the same SQL on SQLite and PostgreSQL.
 *
 * The source is the coarsest `metric_buckets` level whose blocks are no wider than a bucket
 * (or the points themselves when the window is narrower than 16 steps a bucket), so a bucket
 * reads at most 4 block rows (16 points at the finest) whatever the series' length. Bucket width is a whole number of blocks
 * and buckets start on a block boundary, so no block straddles two buckets and the result is
 * exactly what grouping the raw points would give. Then:
 *
 * 1. `ranked` orders each bucket's rows by value both ways (window functions, so no self-join:
 *    PostgreSQL planned one as a nested loop), the earliest step winning ties;
 * 2. `picks` takes each bucket's first and last step and the steps of its top-ranked lowest
 *    and highest rows, each once;
 * 3. each picked step's point is read by correlated sub-queries: an index seek per step on
 *    both engines whatever their statistics (as a join, SQLite's planner chose to scan the
 *    whole series, and PostgreSQL a nested loop on a freshly filled table).
 *
 * One point per picked step (the earliest logged there) comes back.
 *
 * NaN points never set an extreme but are returned when they are a bucket's first or last.
 */
async function downsampleRun(ctx: StoreContext, runId: string, input: DownsampleInput): Promise<MetricSeries> {
  const db = ctx.conn.reader;
  const { key } = input;
  const caps = ctx.conn.capabilities;
  // `key` is a reserved word on MySQL: quoted the dialect's way.
  const keyColumn = sql.ref("key");
  const series: MetricSeries = { run_id: runId, key, steps: [], timestamps: [], values: [] };
  // Two index seeks; MIN and MAX together would make SQLite scan the whole series.
  const range = await sql<{ lo: number | null; hi: number | null }>`select
      (select step from metrics where run_uuid = ${runId} and ${keyColumn} = ${key} order by step limit 1) as lo,
      (select step from metrics where run_uuid = ${runId} and ${keyColumn} = ${key} order by step desc limit 1) as hi`.execute(db);
  const whole = range.rows[0];
  if (whole?.lo === null || whole?.lo === undefined || whole.hi === null) return series;
  series.min_step = Number(whole.lo);
  series.max_step = Number(whole.hi);
  const lo = Math.max(input.startStep ?? series.min_step, series.min_step);
  const hi = Math.min(input.endStep ?? series.max_step, series.max_step);
  if (lo > hi) return series;
  const span = hi - lo + 1;
  // Steps span all of int64's safe range at most (-(2^53-1) to 2^53-1), so a span, and the
  // bucket width for one bucket, can pass 2^53. A width is capped below it (a whole number of
  // blocks still): such a series gets a bucket or two more than asked, never a failed query.
  const widest = (unit: number) => Math.floor(Number.MAX_SAFE_INTEGER / unit) * unit;
  const size = [...BUCKET_SIZES].reverse().find((candidate) => candidate <= span / input.buckets);
  let source: RawBuilder<unknown>;
  if (size === undefined) {
    const width = Math.min(Math.ceil(span / input.buckets), widest(1));
    source = sql`select step as first_step, step as last_step,
        case when is_nan = 0 then step end as min_step, case when is_nan = 0 then value end as min_value,
        case when is_nan = 0 then step end as max_step, case when is_nan = 0 then value end as max_value,
        ${caps.intDiv(sql`step - ${int(lo)}`, int(width))} as bucket
      from metrics where run_uuid = ${runId} and ${keyColumn} = ${key} and step >= ${int(lo)} and step <= ${int(hi)}`;
  } else {
    const width = Math.min(size * Math.ceil(span / (input.buckets * size)), widest(size));
    const firstBlock = blockOf(lo, size);
    source = sql`select first_step, last_step, min_step, min_value, max_step, max_value,
        ${caps.intDiv(sql`(block - ${int(firstBlock)}) * ${int(size)}`, int(width))} as bucket
      from metric_buckets where run_uuid = ${runId} and ${keyColumn} = ${key} and size = ${int(size)}
        and block >= ${int(firstBlock)} and block <= ${int(blockOf(hi, size))}`;
  }
  // The earliest point logged at a picked step; a NULL value stands for NaN.
  const pointAt = (column: string) =>
    sql`(select ${sql.raw(column)} from metrics where run_uuid = ${runId} and ${keyColumn} = ${key} and step = picks.step order by timestamp, value limit 1)`;
  const points = await sql<PointRow>`
    with src as (${source}),
    ranked as (
      select bucket, first_step, last_step, min_step, max_step,
        row_number() over (partition by bucket order by case when min_value is null then 1 else 0 end, min_value, min_step) as min_rank,
        row_number() over (partition by bucket order by case when max_value is null then 1 else 0 end, max_value desc, max_step) as max_rank
      from src
    ),
    picks as (
      select min(first_step) as step from ranked group by bucket
      union select max(last_step) from ranked group by bucket
      union select min_step from ranked where min_rank = 1 and min_step is not null
      union select max_step from ranked where max_rank = 1 and max_step is not null
    )
    select step, ${pointAt("timestamp")} as timestamp, ${pointAt("case when is_nan = 1 then null else value end")} as value
    from picks order by step`.execute(db);
  for (const row of points.rows) {
    series.steps.push(Number(row.step));
    series.timestamps.push(Number(row.timestamp));
    series.values.push(row.value === null ? Number.NaN : Number(row.value));
  }
  return series;
}

/** See `MetricViewStore.getDownsampledMetric`. Runs are read one after another: each is one bucket statement. */
export async function getDownsampledMetric(ctx: StoreContext, input: DownsampleInput): Promise<MetricSeries[]> {
  const out: MetricSeries[] = [];
  for (const runId of input.runIds) {
    await findRun(ctx.conn.reader, runId);
    out.push(await downsampleRun(ctx, runId, input));
  }
  return out;
}

/** Chunks of run ids per `IN (…)` list, as the run loader does. */
const CHUNK = 500;

/** See `MetricViewStore.getMetricSummaries`: straight from `latest_metrics`, which keeps min and max. */
export async function getMetricSummaries(ctx: StoreContext, runIds: string[]): Promise<MetricSummary[]> {
  const out: MetricSummary[] = [];
  const distinct = [...new Set(runIds)];
  for (let index = 0; index < distinct.length; index += CHUNK) {
    const rows = await ctx.conn.reader
      .selectFrom("latest_metrics")
      .select(["run_uuid", "key", "value", "step", "timestamp", "is_nan", "min_value", "max_value"])
      .where("run_uuid", "in", distinct.slice(index, index + CHUNK))
      .orderBy("run_uuid")
      .orderBy("key")
      .execute();
    for (const row of rows) {
      const summary: MetricSummary = {
        run_id: row.run_uuid,
        key: row.key,
        value: row.is_nan ? Number.NaN : row.value,
        step: row.step,
        timestamp: row.timestamp,
      };
      if (row.min_value !== null) summary.min_value = row.min_value;
      if (row.max_value !== null) summary.max_value = row.max_value;
      out.push(summary);
    }
  }
  return out;
}
