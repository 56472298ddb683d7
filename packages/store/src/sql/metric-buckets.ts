import { type Kysely, sql } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";
import type { Database, MetricBucketsTable, MetricsTable } from "./schema.js";
import { onConflictUpdate } from "./upsert.js";

/**
 * Block sizes in steps, finest first; each level is 4 times coarser than the one below, so at
 * most 4 block rows feed a bucket of the coarsest usable level (a 20-run overlay of 100,000
 * steps reads ~1,500 rows a run), for ~1.3 block upserts per 16 points logged.
 */
export const BUCKET_SIZES = [16, 64, 256, 1024, 4096, 16384, 65536] as const;

/** The block of `step` at `size`, rounding down for negative steps too. */
export function blockOf(step: number, size: number): number {
  return Math.floor(step / size);
}

/** Rows per insert statement: SQLite allows 32,766 bound values and a row has ten. */
const CHUNK = 1000;

/** One block per (key, size, block) summarising the batch's points in it. */
function summariseBlocks(rows: readonly MetricsTable[]): MetricBucketsTable[] {
  // Per key, one map per level from block number to its summary: numeric look-ups, because
  // this runs for every point at every level (7 times per point) on the logging path.
  const byKey = new Map<string, Map<number, MetricBucketsTable>[]>();
  for (const row of rows) {
    let levels = byKey.get(row.key);
    if (!levels) {
      levels = BUCKET_SIZES.map(() => new Map<number, MetricBucketsTable>());
      byKey.set(row.key, levels);
    }
    const finite = row.is_nan === 0;
    for (let level = 0; level < BUCKET_SIZES.length; level++) {
      const size = BUCKET_SIZES[level] as number;
      const blocks = levels[level] as Map<number, MetricBucketsTable>;
      const block = blockOf(row.step, size);
      const current = blocks.get(block);
      if (!current) {
        blocks.set(block, {
          run_uuid: row.run_uuid,
          key: row.key,
          size,
          block,
          first_step: row.step,
          last_step: row.step,
          min_step: finite ? row.step : null,
          min_value: finite ? row.value : null,
          max_step: finite ? row.step : null,
          max_value: finite ? row.value : null,
        });
        continue;
      }
      if (row.step < current.first_step) current.first_step = row.step;
      if (row.step > current.last_step) current.last_step = row.step;
      if (!finite) continue;
      if (
        current.min_value === null ||
        row.value < current.min_value ||
        (row.value === current.min_value && row.step < (current.min_step ?? 0))
      ) {
        current.min_value = row.value;
        current.min_step = row.step;
      }
      if (
        current.max_value === null ||
        row.value > current.max_value ||
        (row.value === current.max_value && row.step < (current.max_step ?? 0))
      ) {
        current.max_value = row.value;
        current.max_step = row.step;
      }
    }
  }
  // A stable order keeps concurrent upserts on PostgreSQL and MySQL from deadlocking (as for latest_metrics).
  const blocks = [...byKey.values()].flatMap((levels) => levels.flatMap((level) => [...level.values()]));
  return blocks.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.size - b.size || a.block - b.block));
}

/**
 * Merges a batch's points into `metric_buckets`, in the batch's transaction. Every merge is a
 * min or max, so a retried batch (whose points the metrics table ignored as duplicates)
 * leaves the blocks as they were.
 */
export async function upsertMetricBuckets(caps: DialectCapabilities, trx: Kysely<Database>, rows: readonly MetricsTable[]): Promise<void> {
  const blocks = summariseBlocks(rows);
  const stored = (column: string) => sql.ref(`metric_buckets.${column}`);
  for (let index = 0; index < blocks.length; index += CHUNK) {
    const insert = trx.insertInto("metric_buckets").values(blocks.slice(index, index + CHUNK));
    await onConflictUpdate(caps, insert, ["run_uuid", "key", "size", "block"], (incoming) => {
      const lower = sql`${incoming("min_value")} is not null and (${stored("min_value")} is null or ${incoming("min_value")} < ${stored("min_value")}
        or (${incoming("min_value")} = ${stored("min_value")} and ${incoming("min_step")} < ${stored("min_step")}))`;
      const higher = sql`${incoming("max_value")} is not null and (${stored("max_value")} is null or ${incoming("max_value")} > ${stored("max_value")}
        or (${incoming("max_value")} = ${stored("max_value")} and ${incoming("max_step")} < ${stored("max_step")}))`;
      const when = (condition: unknown, column: string) => sql`case when ${condition} then ${incoming(column)} else ${stored(column)} end`;
      // Each step before its value: MySQL applies the assignments in order, each seeing the
      // ones before, and a step set first leaves the value's condition with the same outcome.
      return {
        first_step: when(sql`${incoming("first_step")} < ${stored("first_step")}`, "first_step"),
        last_step: when(sql`${incoming("last_step")} > ${stored("last_step")}`, "last_step"),
        min_step: when(lower, "min_step"),
        min_value: when(lower, "min_value"),
        max_step: when(higher, "max_step"),
        max_value: when(higher, "max_value"),
      };
    }).execute();
  }
}
