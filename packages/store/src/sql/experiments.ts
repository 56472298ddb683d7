import {
  CairnError,
  type CreateExperimentInput,
  DEFAULT_EXPERIMENT_ID,
  DEFAULT_EXPERIMENT_NAME,
  type Experiment,
  type Tag,
} from "@cairn/core";
import type { Kysely } from "kysely";
import { artifactLocationFor } from "./artifact-uris.js";
import type { DialectCapabilities } from "./capabilities.js";
import { experimentNotFound, parseExperimentId } from "./experiment-id.js";
import { toExperiment } from "./rows.js";
import type { Database } from "./schema.js";
import type { StoreContext } from "./store-context.js";
import { isUniqueViolation } from "./unique-violation.js";
import { onConflictIgnore, onConflictUpdate } from "./upsert.js";

export async function createExperiment(ctx: StoreContext, input: CreateExperimentInput): Promise<string> {
  const now = Date.now();
  try {
    return await ctx.conn.write(async (trx) => {
      const insert = trx.insertInto("experiments").values({
        name: input.name,
        // Filled below once the id is known (MLflow flushes twice for the same reason).
        artifact_location: input.artifactLocation ?? "",
        lifecycle_stage: "active",
        creation_time: now,
        last_update_time: now,
        deleted_time: null,
      });
      const experimentId = ctx.conn.capabilities.insertReturning
        ? (await insert.returning("experiment_id").executeTakeFirstOrThrow()).experiment_id
        : Number((await insert.executeTakeFirstOrThrow()).insertId);
      const id = String(experimentId);
      if (input.artifactLocation === undefined) {
        await trx
          .updateTable("experiments")
          .set({ artifact_location: artifactLocationFor(ctx.defaultArtifactRoot, id) })
          .where("experiment_id", "=", experimentId)
          .execute();
      }
      await upsertTags(ctx.conn.capabilities, trx, experimentId, input.tags ?? []);
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(input.name, error);
    throw error;
  }
}

/** Experiment "0" ("Default") exists in every store, as in MLflow. */
export async function ensureDefaultExperiment(ctx: StoreContext): Promise<void> {
  const now = Date.now();
  await ctx.conn.write(async (trx) => {
    await onConflictIgnore(
      ctx.conn.capabilities,
      trx.insertInto("experiments").values({
        experiment_id: 0,
        name: DEFAULT_EXPERIMENT_NAME,
        artifact_location: artifactLocationFor(ctx.defaultArtifactRoot, DEFAULT_EXPERIMENT_ID),
        lifecycle_stage: "active",
        creation_time: now,
        last_update_time: now,
        deleted_time: null,
      }),
      "experiment_id",
    ).execute();
  });
}

export async function getExperiment(ctx: StoreContext, experimentId: string): Promise<Experiment> {
  const id = parseExperimentId(experimentId);
  const row = await ctx.conn.reader.selectFrom("experiments").selectAll().where("experiment_id", "=", id).executeTakeFirst();
  if (!row) throw experimentNotFound(experimentId);
  const tags = await loadExperimentTags(ctx.conn.reader, [id]);
  return toExperiment(row, tags.get(id) ?? []);
}

export async function getExperimentByName(ctx: StoreContext, name: string): Promise<Experiment | null> {
  const row = await ctx.conn.reader.selectFrom("experiments").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) return null;
  const tags = await loadExperimentTags(ctx.conn.reader, [row.experiment_id]);
  return toExperiment(row, tags.get(row.experiment_id) ?? []);
}

export async function deleteExperiment(ctx: StoreContext, experimentId: string): Promise<void> {
  const id = parseExperimentId(experimentId);
  const now = Date.now();
  await ctx.conn.write(async (trx) => {
    // MLflow's SQL store looks the experiment up among active ones only: deleting it twice
    // is "not found", and the Default experiment may be deleted like any other.
    await requireExperimentIn(trx, id, experimentId, "active");
    await trx
      .updateTable("experiments")
      .set({ lifecycle_stage: "deleted", deleted_time: now, last_update_time: now })
      .where("experiment_id", "=", id)
      .execute();
    await trx
      .updateTable("runs")
      .set({ lifecycle_stage: "deleted", deleted_time: now })
      .where("experiment_id", "=", id)
      .where("lifecycle_stage", "=", "active")
      .execute();
  });
}

export async function restoreExperiment(ctx: StoreContext, experimentId: string): Promise<void> {
  const id = parseExperimentId(experimentId);
  const now = Date.now();
  await ctx.conn.write(async (trx) => {
    // Likewise only a deleted experiment can be restored.
    await requireExperimentIn(trx, id, experimentId, "deleted");
    await trx
      .updateTable("experiments")
      .set({ lifecycle_stage: "active", deleted_time: null, last_update_time: now })
      .where("experiment_id", "=", id)
      .execute();
    // MLflow restores every run of the experiment, also those deleted one by one before.
    await trx.updateTable("runs").set({ lifecycle_stage: "active", deleted_time: null }).where("experiment_id", "=", id).execute();
  });
}

export async function renameExperiment(ctx: StoreContext, experimentId: string, newName: string): Promise<void> {
  const id = parseExperimentId(experimentId);
  try {
    await ctx.conn.write(async (trx) => {
      const row = await requireExperiment(trx, id, experimentId);
      if (row.lifecycle_stage !== "active") {
        throw new CairnError("INVALID_STATE", "Cannot rename a non-active experiment.");
      }
      await trx.updateTable("experiments").set({ name: newName, last_update_time: Date.now() }).where("experiment_id", "=", id).execute();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(newName, error);
    throw error;
  }
}

export async function setExperimentTag(ctx: StoreContext, experimentId: string, tag: Tag): Promise<void> {
  const id = parseExperimentId(experimentId);
  await ctx.conn.write(async (trx) => {
    await requireActiveExperiment(trx, id, experimentId);
    await upsertTags(ctx.conn.capabilities, trx, id, [tag]);
    await trx.updateTable("experiments").set({ last_update_time: Date.now() }).where("experiment_id", "=", id).execute();
  });
}

export async function deleteExperimentTag(ctx: StoreContext, experimentId: string, key: string): Promise<void> {
  const id = parseExperimentId(experimentId);
  await ctx.conn.write(async (trx) => {
    await requireActiveExperiment(trx, id, experimentId);
    const result = await trx.deleteFrom("experiment_tags").where("experiment_id", "=", id).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new CairnError("RESOURCE_DOES_NOT_EXIST", `No tag with name: ${key} in experiment with id ${experimentId}`);
    }
  });
}

/** Tags of many experiments in one query per chunk. */
export async function loadExperimentTags(db: Kysely<Database>, ids: number[]): Promise<Map<number, Tag[]>> {
  const byId = new Map<number, Tag[]>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = await db
      .selectFrom("experiment_tags")
      .select(["experiment_id", "key", "value"])
      .where("experiment_id", "in", chunk)
      .orderBy("key")
      .execute();
    for (const row of rows) {
      const list = byId.get(row.experiment_id) ?? [];
      list.push({ key: row.key, value: row.value });
      byId.set(row.experiment_id, list);
    }
  }
  return byId;
}

export async function requireExperiment(db: Kysely<Database>, id: number, experimentId: string) {
  const row = await db
    .selectFrom("experiments")
    .select(["experiment_id", "lifecycle_stage", "artifact_location"])
    .where("experiment_id", "=", id)
    .executeTakeFirst();
  if (!row) throw experimentNotFound(experimentId);
  return row;
}

/** The experiment in the given lifecycle stage, else "not found" (MLflow's view-typed look-up). */
async function requireExperimentIn(db: Kysely<Database>, id: number, experimentId: string, stage: "active" | "deleted") {
  const row = await requireExperiment(db, id, experimentId);
  if (row.lifecycle_stage !== stage) throw experimentNotFound(experimentId);
  return row;
}

export async function requireActiveExperiment(db: Kysely<Database>, id: number, experimentId: string) {
  const row = await requireExperiment(db, id, experimentId);
  if (row.lifecycle_stage !== "active") {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `The experiment ${experimentId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`,
    );
  }
  return row;
}

async function upsertTags(caps: DialectCapabilities, trx: Kysely<Database>, experimentId: number, tags: Tag[]): Promise<void> {
  if (tags.length === 0) return;
  // Last value wins for a key repeated in one request, as when MLflow sets them one by one.
  const byKey = new Map(tags.map((tag) => [tag.key, tag.value]));
  await onConflictUpdate(
    caps,
    trx.insertInto("experiment_tags").values([...byKey].map(([key, value]) => ({ experiment_id: experimentId, key, value }))),
    ["experiment_id", "key"],
    (incoming) => ({ value: incoming("value") }),
  ).execute();
}

function alreadyExists(name: string, cause: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `Experiment(name=${name}) already exists. Error: UNIQUE constraint failed: experiments.name`,
    { cause },
  );
}
