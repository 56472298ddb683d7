import { CairnError, type LogBatchInput, type Metric, type Param } from "@cairn/core";
import { type Kysely, sql } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";
import { requireLoggedModels } from "./logged-models/require-logged-model.js";
import { upsertMetricBuckets } from "./metric-buckets.js";
import { requireActiveRun } from "./require-run.js";
import { upsertRunTags } from "./run-tags.js";
import type { Database, LatestMetricsTable, LoggedModelMetricsTable, MetricsTable, RunsTable } from "./schema.js";
import type { StoreContext } from "./store-context.js";
import { onConflictIgnore, onConflictUpdate } from "./upsert.js";

/**
 * Params, then metrics (and the points logged for a model), then tags, in one transaction
 * (MLflow's order). Idempotent under client retries: a param re-logged with the same value and
 * an exact duplicate metric are ignored, so a retried batch changes nothing. A metric naming
 * an unknown logged model fails the whole batch before anything is written.
 */
export async function logBatch(ctx: StoreContext, runId: string, input: LogBatchInput): Promise<void> {
  await ctx.conn.write(async (trx) => {
    const run = await requireActiveRun(trx, runId);
    const modelIds = [...new Set((input.metrics ?? []).flatMap((metric) => (metric.model_id ? [metric.model_id] : [])))];
    if (modelIds.length > 0) await requireLoggedModels(trx, modelIds);
    if (input.params?.length) await insertParams(ctx.conn.capabilities, trx, runId, input.params);
    if (input.metrics?.length) await insertMetrics(ctx, trx, run, input.metrics);
    if (input.tags?.length) await upsertRunTags(ctx.conn.capabilities, trx, runId, input.tags);
  });
}

async function insertParams(caps: DialectCapabilities, trx: Kysely<Database>, runId: string, params: Param[]): Promise<void> {
  const stored = await storedParams(trx, runId, params);
  const fresh: Param[] = [];
  for (const param of params) {
    const old = stored.get(param.key);
    if (old === undefined) {
      fresh.push(param);
      stored.set(param.key, param.value);
    } else if (old !== param.value) {
      throw changedParam(runId, param, old);
    }
  }
  if (fresh.length === 0) return;
  // A concurrent batch may insert the same key between the read above and this insert (not on
  // SQLite, which has one writer): the conflict waits for it to commit and skips the row, and
  // the keys are then read back to check that what is stored is this batch's value, instead of
  // failing the batch with a 500. MySQL cannot tell a skipped row from an inserted one, so
  // there they are always read back.
  const inserted = await onConflictIgnore(
    caps,
    trx.insertInto("params").values(fresh.map((param) => ({ run_uuid: runId, key: param.key, value: param.value }))),
    "value",
  ).executeTakeFirst();
  if (caps.upsert === "on-conflict" && Number(inserted.numInsertedOrUpdatedRows) === fresh.length) return;
  const values = await storedParams(trx, runId, fresh);
  for (const param of fresh) {
    const old = values.get(param.key);
    if (old !== param.value) throw changedParam(runId, param, old ?? "");
  }
}

/** The stored values of these params' keys, by key. */
async function storedParams(trx: Kysely<Database>, runId: string, params: Param[]): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom("params")
    .select(["key", "value"])
    .where("run_uuid", "=", runId)
    .where(
      "key",
      "in",
      params.map((param) => param.key),
    )
    .execute();
  return new Map(rows.map((row) => [row.key, row.value]));
}

function changedParam(runId: string, param: Param, old: string): CairnError {
  return new CairnError(
    "INVALID_PARAMETER_VALUE",
    `Changing param values is not allowed. Param with key='${param.key}' was already logged with value='${old}' for run ID='${runId}'. Attempted logging new value '${param.value}'.`,
  );
}

function toRow(runId: string, metric: Metric): MetricsTable {
  const isNan = Number.isNaN(metric.value);
  return {
    run_uuid: runId,
    key: metric.key,
    step: metric.step,
    timestamp: metric.timestamp,
    value: isNan ? 0 : metric.value,
    is_nan: isNan ? 1 : 0,
    model_id: metric.model_id || null,
    dataset_name: metric.dataset_name || null,
    dataset_digest: metric.dataset_digest || null,
  };
}

/** (step, timestamp, value) ordering that decides which point is a key's latest. */
function isNewer(a: MetricsTable, b: MetricsTable): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

async function insertMetrics(ctx: StoreContext, trx: Kysely<Database>, run: RunsTable, metrics: Metric[]): Promise<void> {
  const rows = metrics.map((metric) => toRow(run.run_uuid, metric));
  await ctx.conn.insertMetricRows(trx, rows);
  const caps = ctx.conn.capabilities;
  await upsertLatestMetrics(caps, trx, summarisePerKey(run.experiment_id, rows));
  await upsertMetricBuckets(caps, trx, rows);
  await insertModelMetrics(caps, trx, run, rows);
}

/** Points that name a model, also recorded as that model's metrics (MLflow's `_log_model_metrics`). */
async function insertModelMetrics(caps: DialectCapabilities, trx: Kysely<Database>, run: RunsTable, rows: MetricsTable[]): Promise<void> {
  const modelRows: LoggedModelMetricsTable[] = [];
  for (const row of rows) {
    if (!row.model_id) continue;
    modelRows.push({
      model_id: row.model_id,
      key: row.key,
      step: row.step,
      timestamp: row.timestamp,
      run_uuid: row.run_uuid,
      dataset_name: row.dataset_name ?? "",
      dataset_digest: row.dataset_digest ?? "",
      value: row.value,
      is_nan: row.is_nan,
      experiment_id: run.experiment_id,
    });
  }
  // A batch holds at most 1000 metrics: 10 columns each stays under every engine's parameter limit.
  if (modelRows.length > 0) await onConflictIgnore(caps, trx.insertInto("logged_model_metrics").values(modelRows), "model_id").execute();
}

/** One latest_metrics candidate per key: the newest point, plus the batch's min and max. */
function summarisePerKey(experimentId: number, rows: MetricsTable[]): LatestMetricsTable[] {
  const byKey = new Map<string, LatestMetricsTable>();
  for (const row of rows) {
    const finite = row.is_nan ? null : row.value;
    const current = byKey.get(row.key);
    if (!current) {
      byKey.set(row.key, { ...row, experiment_id: experimentId, min_value: finite, max_value: finite });
      continue;
    }
    if (finite !== null) {
      current.min_value = current.min_value === null ? finite : Math.min(current.min_value, finite);
      current.max_value = current.max_value === null ? finite : Math.max(current.max_value, finite);
    }
    if (isNewer(row, current)) {
      Object.assign(current, {
        step: row.step,
        timestamp: row.timestamp,
        value: row.value,
        is_nan: row.is_nan,
        model_id: row.model_id,
        dataset_name: row.dataset_name,
        dataset_digest: row.dataset_digest,
      });
    }
  }
  // A stable key order keeps concurrent upserts on PostgreSQL and MySQL from deadlocking.
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function upsertLatestMetrics(caps: DialectCapabilities, trx: Kysely<Database>, rows: LatestMetricsTable[]): Promise<void> {
  const stored = (column: string) => sql.ref(`latest_metrics.${column}`);
  await onConflictUpdate(caps, trx.insertInto("latest_metrics").values(rows), ["run_uuid", "key"], (incoming) => {
    const newer = sql`(${incoming("step")}, ${incoming("timestamp")}, ${incoming("value")}) > (${stored("step")}, ${stored("timestamp")}, ${stored("value")})`;
    const pick = (column: string) => sql`case when ${newer} then ${incoming(column)} else ${stored(column)} end`;
    const extreme = (column: "min_value" | "max_value", op: "<" | ">") =>
      sql`case when ${incoming(column)} is null then ${stored(column)} when ${stored(column)} is null then ${incoming(column)} when ${incoming(column)} ${sql.raw(op)} ${stored(column)} then ${incoming(column)} else ${stored(column)} end`;
    // The columns `newer` compares come last, least significant first: MySQL applies the
    // assignments in order, each seeing the ones before, and in this order an updated column
    // never changes the outcome for the columns after it.
    return {
      is_nan: pick("is_nan"),
      model_id: pick("model_id"),
      dataset_name: pick("dataset_name"),
      dataset_digest: pick("dataset_digest"),
      min_value: extreme("min_value", "<"),
      max_value: extreme("max_value", ">"),
      value: pick("value"),
      timestamp: pick("timestamp"),
      step: pick("step"),
    };
  }).execute();
}
