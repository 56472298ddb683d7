import { type Kysely, sql } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { createTable } from "./create-table.js";

/**
 * `metric_buckets`: per (run, key) and block size (16 to 65,536 steps, by powers of 4), each block's
 * first and last step and the step and value of its lowest and highest point. Charts
 * downsample from the coarsest level finer than a pixel instead of scanning every point, so a
 * 1,000,000-step metric reads a few thousand rows. Backfilled from the metrics already stored.
 */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  await createTable(db, caps, "metric_buckets", { clustered: true })
    .addColumn("run_uuid", "varchar(32)", (c) => c.notNull())
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("block", "bigint", (c) => c.notNull())
    .addColumn("first_step", "bigint", (c) => c.notNull())
    .addColumn("last_step", "bigint", (c) => c.notNull())
    .addColumn("min_step", "bigint")
    .addColumn("min_value", "double precision")
    .addColumn("max_step", "bigint")
    .addColumn("max_value", "double precision")
    .addPrimaryKeyConstraint("metric_buckets_pk", ["run_uuid", "key", "size", "block"])
    .execute();
  // Frozen copy of BUCKET_SIZES in metric-buckets.ts: a released migration never changes.
  for (const size of [16, 64, 256, 1024, 4096, 16384, 65536]) {
    // Integer division rounds toward zero; negative steps need floor, hence the adjustment.
    const block = sql`(case when step >= 0 then ${caps.intDiv(sql`step`, sql.lit(size))} else ${caps.intDiv(sql`(step + 1)`, sql.lit(size))} - 1 end)`;
    const key = sql.ref("key");
    await sql`insert into metric_buckets (run_uuid, ${key}, size, block, first_step, last_step, min_value, max_value)
      select run_uuid, ${key}, ${sql.lit(size)}, ${block}, min(step), max(step),
        min(case when is_nan = 0 then value end), max(case when is_nan = 0 then value end)
      from metrics group by run_uuid, ${key}, ${block}`.execute(db);
  }
  const extremeStep = (column: "min_value" | "max_value") =>
    sql`(select min(m.step) from metrics m where m.run_uuid = metric_buckets.run_uuid and m.key = metric_buckets.key
      and m.step >= metric_buckets.first_step and m.step <= metric_buckets.last_step and m.is_nan = 0
      and m.value = metric_buckets.${sql.raw(column)})`;
  await sql`update metric_buckets set min_step = ${extremeStep("min_value")}, max_step = ${extremeStep("max_value")}`.execute(db);
}
