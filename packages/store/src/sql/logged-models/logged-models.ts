import { randomUUID } from "node:crypto";
import {
  CairnError,
  type CreateLoggedModelInput,
  type LoggedModel,
  type LoggedModelStatus,
  type ModelOutput,
  type Param,
  type Tag,
} from "@cairn/core";
import type { Kysely } from "kysely";
import { appendToUri } from "../artifact-uris.js";
import type { DialectCapabilities } from "../capabilities.js";
import { parseExperimentId } from "../experiment-id.js";
import { requireActiveExperiment } from "../experiments.js";
import { requireActiveRun } from "../require-run.js";
import { randomRunName } from "../run-names.js";
import type { Database, LoggedModelsTable } from "../schema.js";
import type { StoreContext } from "../store-context.js";
import { onConflictIgnore, onConflictUpdate } from "../upsert.js";
import { loadLoggedModels } from "./logged-model-loader.js";
import { loggedModelNotFound, requireLoggedModel } from "./require-logged-model.js";

async function readModel(db: Kysely<Database>, row: LoggedModelsTable): Promise<LoggedModel> {
  const [model] = await loadLoggedModels(db, [row]);
  if (!model) throw loggedModelNotFound(row.model_id);
  return model;
}

/**
 * `m-<32 hex>` in an active experiment, PENDING, with its artifacts at
 * `<experiment artifact location>/models/<model_id>/artifacts` (MLflow's `create_logged_model`).
 */
export async function createLoggedModel(ctx: StoreContext, input: CreateLoggedModelInput): Promise<LoggedModel> {
  const experimentId = parseExperimentId(input.experimentId);
  const modelId = `m-${randomUUID().replaceAll("-", "")}`;
  return ctx.conn.write(async (trx) => {
    const experiment = await requireActiveExperiment(trx, experimentId, input.experimentId);
    const now = Date.now();
    const row: LoggedModelsTable = {
      model_id: modelId,
      experiment_id: experimentId,
      name: input.name || randomRunName(),
      artifact_location: appendToUri(experiment.artifact_location, "models", modelId, "artifacts"),
      creation_timestamp_ms: now,
      last_updated_timestamp_ms: now,
      status: "LOGGED_MODEL_PENDING",
      lifecycle_stage: "active",
      model_type: input.modelType || null,
      source_run_id: input.sourceRunId || null,
      status_message: null,
    };
    await trx.insertInto("logged_models").values(row).execute();
    await upsertModelRows(ctx.conn.capabilities, trx, "logged_model_params", modelId, input.params ?? []);
    await upsertModelRows(ctx.conn.capabilities, trx, "logged_model_tags", modelId, input.tags ?? []);
    return readModel(trx, row);
  });
}

export async function getLoggedModel(ctx: StoreContext, modelId: string): Promise<LoggedModel> {
  return readModel(ctx.conn.reader, await requireLoggedModel(ctx.conn.reader, modelId));
}

export async function finalizeLoggedModel(ctx: StoreContext, modelId: string, status: LoggedModelStatus): Promise<LoggedModel> {
  return ctx.conn.write(async (trx) => {
    const row = await requireLoggedModel(trx, modelId);
    const changes = { status, last_updated_timestamp_ms: Date.now() };
    await trx.updateTable("logged_models").set(changes).where("model_id", "=", modelId).execute();
    return readModel(trx, { ...row, ...changes });
  });
}

export async function deleteLoggedModel(ctx: StoreContext, modelId: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireLoggedModel(trx, modelId);
    await trx
      .updateTable("logged_models")
      .set({ lifecycle_stage: "deleted", last_updated_timestamp_ms: Date.now() })
      .where("model_id", "=", modelId)
      .execute();
  });
}

export async function setLoggedModelTags(ctx: StoreContext, modelId: string, tags: Tag[]): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireLoggedModel(trx, modelId);
    await upsertModelRows(ctx.conn.capabilities, trx, "logged_model_tags", modelId, tags);
  });
}

export async function deleteLoggedModelTag(ctx: StoreContext, modelId: string, key: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireLoggedModel(trx, modelId);
    const result = await trx.deleteFrom("logged_model_tags").where("model_id", "=", modelId).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new CairnError("RESOURCE_DOES_NOT_EXIST", `No tag with key '${key}' found for model with ID '${modelId}'.`);
    }
  });
}

/**
 * Params are write-once like run params: MLflow's insert fails on a second value for a key,
 * and a retried request must not, so the same value again is a no-op.
 */
export async function logLoggedModelParams(ctx: StoreContext, modelId: string, params: Param[]): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireLoggedModel(trx, modelId);
    if (params.length === 0) return;
    const stored = await trx
      .selectFrom("logged_model_params")
      .select(["key", "value"])
      .where("model_id", "=", modelId)
      .where(
        "key",
        "in",
        params.map((param) => param.key),
      )
      .execute();
    const values = new Map(stored.map((row) => [row.key, row.value]));
    const fresh: Param[] = [];
    for (const param of params) {
      const old = values.get(param.key);
      if (old === undefined) {
        fresh.push(param);
        values.set(param.key, param.value);
      } else if (old !== param.value) {
        throw new CairnError(
          "INVALID_PARAMETER_VALUE",
          `Changing param values is not allowed. Param with key='${param.key}' was already logged with value='${old}' for model ID='${modelId}'. Attempted logging new value '${param.value}'.`,
        );
      }
    }
    await upsertModelRows(ctx.conn.capabilities, trx, "logged_model_params", modelId, fresh);
  });
}

/** RUN → MODEL edges with the step the model was output at, as MLflow's `log_outputs` stores them. */
export async function logOutputs(ctx: StoreContext, runId: string, models: ModelOutput[]): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireActiveRun(trx, runId);
    for (const model of models) {
      await requireLoggedModel(trx, model.model_id);
      await onConflictIgnore(
        ctx.conn.capabilities,
        trx.insertInto("inputs").values({
          input_uuid: randomUUID().replaceAll("-", ""),
          source_type: "RUN_OUTPUT",
          source_id: runId,
          destination_type: "MODEL_OUTPUT",
          destination_id: model.model_id,
          step: model.step,
        }),
        "input_uuid",
      ).execute();
    }
  });
}

/** Last value wins for a key repeated in one request, as when MLflow merges them one by one. */
async function upsertModelRows(
  caps: DialectCapabilities,
  trx: Kysely<Database>,
  table: "logged_model_params" | "logged_model_tags",
  modelId: string,
  entries: Tag[],
): Promise<void> {
  if (entries.length === 0) return;
  const byKey = new Map(entries.map((entry) => [entry.key, entry.value]));
  await onConflictUpdate(
    caps,
    trx.insertInto(table).values([...byKey].map(([key, value]) => ({ model_id: modelId, key, value }))),
    ["model_id", "key"],
    (incoming) => ({ value: incoming("value") }),
  ).execute();
}
