import type { DatasetSummary } from "@cairn/core";
import type { StoreContext } from "./store-context.js";

/** MLflow's MAX_DATASET_SUMMARIES_RESULTS. */
const MAX_SUMMARIES = 1000;

/**
 * One query over datasets → inputs, with the context tag outer-joined so inputs without one
 * are listed too (as MLflow's `_search_datasets` does).
 */
export async function searchDatasets(ctx: StoreContext, experimentIds: string[]): Promise<DatasetSummary[]> {
  const ids = [...new Set(experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number))];
  if (ids.length === 0) return [];
  const rows = await ctx.conn.reader
    .selectFrom("datasets as d")
    .innerJoin("inputs as i", (join) => join.onRef("i.source_id", "=", "d.dataset_uuid").on("i.source_type", "=", "DATASET"))
    .leftJoin("input_tags as t", (join) => join.onRef("t.input_uuid", "=", "i.input_uuid").on("t.name", "=", "mlflow.data.context"))
    .select(["d.experiment_id", "d.name", "d.digest", "t.value as context"])
    .distinct()
    .where("d.experiment_id", "in", ids)
    .orderBy("d.experiment_id")
    .orderBy("d.name")
    .orderBy("d.digest")
    .orderBy("t.value")
    .limit(MAX_SUMMARIES)
    .execute();
  return rows.map((row) => ({
    experiment_id: String(row.experiment_id),
    name: row.name,
    digest: row.digest,
    ...(row.context ? { context: row.context } : {}),
  }));
}
