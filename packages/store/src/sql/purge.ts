import type { DeletedExperiment, DeletedRun, ModelVersionReference } from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import type { StoreContext } from "./store-context.js";

/** Largest IN (…) list per statement, well under every engine's bound-parameter limit. */
const CHUNK = 500;

export async function listDeletedRuns(
  ctx: StoreContext,
  input: { deletedBefore: number; experimentIds?: string[] },
): Promise<DeletedRun[]> {
  const ids = input.experimentIds?.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (ids && ids.length === 0) return [];
  let query = ctx.conn.reader
    .selectFrom("runs")
    .select(["run_uuid", "experiment_id", "artifact_uri", "deleted_time"])
    .where("lifecycle_stage", "=", "deleted")
    // Rows deleted before deleted_time was recorded count as deleted long ago.
    .where((eb) => eb.or([eb("deleted_time", "is", null), eb("deleted_time", "<=", input.deletedBefore)]))
    .orderBy("run_uuid");
  if (ids) query = query.where("experiment_id", "in", ids);
  const rows = await query.execute();
  return rows.map((row) => ({
    runId: row.run_uuid,
    experimentId: String(row.experiment_id),
    artifactUri: row.artifact_uri,
    deletedTime: Number(row.deleted_time ?? 0),
  }));
}

export async function listDeletedExperiments(ctx: StoreContext, input: { deletedBefore: number }): Promise<DeletedExperiment[]> {
  const rows = await ctx.conn.reader
    .selectFrom("experiments")
    .select(["experiment_id", "name", "artifact_location", "deleted_time", "last_update_time"])
    .where("lifecycle_stage", "=", "deleted")
    .orderBy("experiment_id")
    .execute();
  return rows
    .map((row) => ({
      experimentId: String(row.experiment_id),
      name: row.name,
      artifactLocation: row.artifact_location,
      deletedTime: Number(row.deleted_time ?? row.last_update_time),
    }))
    .filter((row) => row.deletedTime <= input.deletedBefore);
}

export async function listModelVersionReferences(ctx: StoreContext): Promise<ModelVersionReference[]> {
  const rows = await ctx.conn.reader
    .selectFrom("model_versions")
    .select(["name", "version", "run_id", "source", "storage_location"])
    .orderBy("name")
    .orderBy("version")
    .execute();
  return rows.map((row) => ({
    name: row.name,
    version: String(row.version),
    runId: row.run_id,
    source: row.source,
    storageLocation: row.storage_location,
  }));
}

/** Deletes the rows that hang off the given runs (no foreign key cascades in the schema). */
async function deleteRunChildren(trx: Kysely<Database>, runIds: string[]): Promise<void> {
  for (let i = 0; i < runIds.length; i += CHUNK) {
    const chunk = runIds.slice(i, i + CHUNK);
    const inputs = trx.selectFrom("inputs").select("input_uuid").where("destination_type", "=", "RUN").where("destination_id", "in", chunk);
    await trx.deleteFrom("input_tags").where("input_uuid", "in", inputs).execute();
    await trx.deleteFrom("inputs").where("destination_type", "=", "RUN").where("destination_id", "in", chunk).execute();
    // The run's edges to logged models (MLflow 3 model inputs and outputs) start at the run.
    await trx.deleteFrom("inputs").where("source_type", "in", ["RUN_INPUT", "RUN_OUTPUT"]).where("source_id", "in", chunk).execute();
    await trx.deleteFrom("logged_model_metrics").where("run_uuid", "in", chunk).execute();
    for (const table of ["metrics", "latest_metrics", "metric_buckets", "params", "tags"] as const) {
      await trx.deleteFrom(table).where("run_uuid", "in", chunk).execute();
    }
  }
}

export async function hardDeleteRun(ctx: StoreContext, runId: string): Promise<boolean> {
  return ctx.conn.write(async (trx) => {
    // Checked inside the transaction that deletes: a run restored a moment ago stays whole.
    const row = await trx.selectFrom("runs").select("lifecycle_stage").where("run_uuid", "=", runId).executeTakeFirst();
    if (row?.lifecycle_stage !== "deleted") return false;
    await deleteRunChildren(trx, [runId]);
    const deleted = await trx.deleteFrom("runs").where("run_uuid", "=", runId).where("lifecycle_stage", "=", "deleted").executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  });
}

export async function hardDeleteExperiment(ctx: StoreContext, experimentId: string): Promise<boolean> {
  if (!/^\d{1,15}$/.test(experimentId)) return false;
  const id = Number(experimentId);
  return ctx.conn.write(async (trx) => {
    const row = await trx.selectFrom("experiments").select("lifecycle_stage").where("experiment_id", "=", id).executeTakeFirst();
    if (row?.lifecycle_stage !== "deleted") return false;
    // Runs go first, through hardDeleteRun, so each is checked and its artifacts handled.
    const run = await trx.selectFrom("runs").select("run_uuid").where("experiment_id", "=", id).limit(1).executeTakeFirst();
    if (run) return false;
    // A registered version built from one of its logged models keeps the experiment alive.
    const models = trx.selectFrom("logged_models").select("model_id").where("experiment_id", "=", id);
    const registered = await trx.selectFrom("model_versions").select("name").where("model_id", "in", models).limit(1).executeTakeFirst();
    if (registered) return false;
    await trx
      .deleteFrom("inputs")
      .where("destination_type", "in", ["MODEL_INPUT", "MODEL_OUTPUT"])
      .where("destination_id", "in", models)
      .execute();
    for (const table of ["logged_model_metrics", "logged_model_params", "logged_model_tags"] as const) {
      await trx.deleteFrom(table).where("model_id", "in", models).execute();
    }
    await trx.deleteFrom("logged_models").where("experiment_id", "=", id).execute();
    const datasets = trx.selectFrom("datasets").select("dataset_uuid").where("experiment_id", "=", id);
    const inputs = trx.selectFrom("inputs").select("input_uuid").where("source_type", "=", "DATASET").where("source_id", "in", datasets);
    await trx.deleteFrom("input_tags").where("input_uuid", "in", inputs).execute();
    await trx.deleteFrom("inputs").where("source_type", "=", "DATASET").where("source_id", "in", datasets).execute();
    await trx.deleteFrom("datasets").where("experiment_id", "=", id).execute();
    await trx.deleteFrom("experiment_tags").where("experiment_id", "=", id).execute();
    const deleted = await trx
      .deleteFrom("experiments")
      .where("experiment_id", "=", id)
      .where("lifecycle_stage", "=", "deleted")
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  });
}
