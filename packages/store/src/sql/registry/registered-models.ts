import {
  type CreateRegisteredModelInput,
  canonicalStage,
  MODEL_VERSION_STAGES,
  type ModelVersion,
  type RegisteredModel,
  STAGE_DELETED_INTERNAL,
  type Tag,
} from "@cairn/core";
import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import type { Database, RegisteredModelsTable } from "../schema.js";
import type { StoreContext } from "../store-context.js";
import { isUniqueViolation } from "../unique-violation.js";
import { onConflictUpdate } from "../upsert.js";
import { modelAlreadyExists, modelNotFound } from "./registry-errors.js";
import { loadModelVersions, loadRegisteredModels } from "./registry-loader.js";

export async function requireModel(db: Kysely<Database>, name: string): Promise<RegisteredModelsTable> {
  const row = await db.selectFrom("registered_models").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) throw modelNotFound(name);
  return row;
}

/**
 * Locks a model's row until the transaction ends, and throws RESOURCE_DOES_NOT_EXIST when there
 * is none. Every write on a model's rows (its tags, versions, aliases, the model itself) calls
 * this first, so on PostgreSQL those writes run one at a time, as they do on SQLite's single
 * writer. Without it a delete racing a new version or alias failed its foreign keys: a 500.
 * `name = name` changes nothing, but any UPDATE takes a row lock that every other UPDATE of the
 * row waits for (PostgreSQL's FOR NO KEY UPDATE, as the key's value is unchanged). It does not
 * block a plain foreign-key check: what serialises the writes is that they all call this.
 */
export async function lockModel(db: Kysely<Database>, name: string): Promise<void> {
  const locked = await db
    .updateTable("registered_models")
    .set((eb) => ({ name: eb.ref("name") }))
    .where("name", "=", name)
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) === 0) throw modelNotFound(name);
}

export async function touchModel(db: Kysely<Database>, name: string, now: number): Promise<void> {
  await db.updateTable("registered_models").set({ last_updated_time: now }).where("name", "=", name).execute();
}

async function readModel(db: Kysely<Database>, name: string): Promise<RegisteredModel> {
  const [model] = await loadRegisteredModels(db, [await requireModel(db, name)]);
  if (!model) throw modelNotFound(name);
  return model;
}

export async function createRegisteredModel(ctx: StoreContext, input: CreateRegisteredModelInput): Promise<RegisteredModel> {
  const now = Date.now();
  try {
    return await ctx.conn.write(async (trx) => {
      await trx
        .insertInto("registered_models")
        .values({ name: input.name, creation_time: now, last_updated_time: now, description: input.description ?? null })
        .execute();
      await upsertModelTags(ctx.conn.capabilities, trx, input.name, input.tags ?? []);
      return readModel(trx, input.name);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw modelAlreadyExists(input.name, error);
    throw error;
  }
}

export async function getRegisteredModel(ctx: StoreContext, name: string): Promise<RegisteredModel> {
  return readModel(ctx.conn.reader, name);
}

/**
 * Renames without relying on ON UPDATE CASCADE: the new parent row is inserted, the children
 * are moved over (versions copied before their tags move, so every foreign key holds at every
 * statement), then the old rows are deleted, all in one transaction.
 */
export async function renameRegisteredModel(ctx: StoreContext, name: string, newName: string): Promise<RegisteredModel> {
  const now = Date.now();
  try {
    return await ctx.conn.write(async (trx) => {
      await lockModel(trx, name);
      const row = await requireModel(trx, name);
      if (newName === name) return readModel(trx, name);
      await trx
        .insertInto("registered_models")
        .values({ ...row, name: newName, last_updated_time: now })
        .execute();
      const versions = await trx.selectFrom("model_versions").selectAll().where("name", "=", name).execute();
      for (let start = 0; start < versions.length; start += 200) {
        const chunk = versions.slice(start, start + 200);
        await trx
          .insertInto("model_versions")
          .values(chunk.map((version) => ({ ...version, name: newName, last_updated_time: now })))
          .execute();
      }
      await trx.updateTable("model_version_tags").set({ name: newName }).where("name", "=", name).execute();
      await trx.updateTable("registered_model_aliases").set({ name: newName }).where("name", "=", name).execute();
      await trx.updateTable("registered_model_tags").set({ name: newName }).where("name", "=", name).execute();
      await trx.deleteFrom("model_versions").where("name", "=", name).execute();
      await trx.deleteFrom("registered_models").where("name", "=", name).execute();
      return readModel(trx, newName);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw modelAlreadyExists(newName, error);
    throw error;
  }
}

export async function updateRegisteredModel(ctx: StoreContext, name: string, description: string): Promise<RegisteredModel> {
  return ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    await trx.updateTable("registered_models").set({ description, last_updated_time: Date.now() }).where("name", "=", name).execute();
    return readModel(trx, name);
  });
}

/** A hard delete, children first so the foreign keys hold. */
export async function deleteRegisteredModel(ctx: StoreContext, name: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    await trx.deleteFrom("registered_model_aliases").where("name", "=", name).execute();
    await trx.deleteFrom("model_version_tags").where("name", "=", name).execute();
    await trx.deleteFrom("model_versions").where("name", "=", name).execute();
    await trx.deleteFrom("registered_model_tags").where("name", "=", name).execute();
    await trx.deleteFrom("registered_models").where("name", "=", name).execute();
  });
}

export async function setRegisteredModelTag(ctx: StoreContext, name: string, tag: Tag): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    await upsertModelTags(ctx.conn.capabilities, trx, name, [tag]);
    await touchModel(trx, name, Date.now());
  });
}

export async function deleteRegisteredModelTag(ctx: StoreContext, name: string, key: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    await trx.deleteFrom("registered_model_tags").where("name", "=", name).where("key", "=", key).execute();
  });
}

/** The highest live version of each requested stage; all stages when none are named. */
export async function getLatestVersions(ctx: StoreContext, name: string, stages?: string[]): Promise<ModelVersion[]> {
  const wanted = stages && stages.length > 0 ? [...new Set(stages.map(canonicalStage))] : [...MODEL_VERSION_STAGES];
  const db = ctx.conn.reader;
  await requireModel(db, name);
  const latest = await db
    .selectFrom("model_versions")
    .select("current_stage")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("name", "=", name)
    .where("current_stage", "in", wanted)
    .where("current_stage", "<>", STAGE_DELETED_INTERNAL)
    .groupBy("current_stage")
    .execute();
  if (latest.length === 0) return [];
  const rows = await db
    .selectFrom("model_versions")
    .selectAll()
    .where("name", "=", name)
    .where(
      "version",
      "in",
      latest.map((row) => Number(row.version)),
    )
    .orderBy("version")
    .execute();
  return loadModelVersions(db, rows);
}

export async function upsertModelTags(caps: DialectCapabilities, trx: Kysely<Database>, name: string, tags: Tag[]): Promise<void> {
  if (tags.length === 0) return;
  // Last value wins for a key repeated in one request, as when MLflow sets them one by one.
  const byKey = new Map(tags.map((tag) => [tag.key, tag.value]));
  await onConflictUpdate(
    caps,
    trx.insertInto("registered_model_tags").values([...byKey].map(([key, value]) => ({ name, key, value }))),
    ["name", "key"],
    (incoming) => ({ value: incoming("value") }),
  ).execute();
}
