import {
  ACTIVE_STAGES,
  type CreateModelVersionInput,
  canonicalStage,
  invalidParameter,
  type ModelVersion,
  STAGE_DELETED_INTERNAL,
  type Tag,
} from "@cairn/core";
import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { recordRegistration } from "../logged-models/record-registration.js";
import type { Database, ModelVersionsTable } from "../schema.js";
import type { StoreContext } from "../store-context.js";
import { isUniqueViolation } from "../unique-violation.js";
import { onConflictUpdate } from "../upsert.js";
import { lockModel, touchModel } from "./registered-models.js";
import { modelNotFound, versionNotFound, versionNumber } from "./registry-errors.js";
import { loadModelVersions } from "./registry-loader.js";

/** Concurrent creates on PostgreSQL may pick the same max+1; MLflow retries the same way. */
const CREATE_RETRIES = 5;

/** A live (not soft-deleted) version, or RESOURCE_DOES_NOT_EXIST. */
export async function requireVersion(db: Kysely<Database>, name: string, version: string): Promise<ModelVersionsTable> {
  const number = versionNumber(version);
  const row = await db
    .selectFrom("model_versions")
    .selectAll()
    .where("name", "=", name)
    .where("version", "=", number)
    .where("current_stage", "<>", STAGE_DELETED_INTERNAL)
    .executeTakeFirst();
  if (!row) throw versionNotFound(name, version);
  return row;
}

async function readVersion(db: Kysely<Database>, name: string, version: string): Promise<ModelVersion> {
  const [loaded] = await loadModelVersions(db, [await requireVersion(db, name, version)]);
  if (!loaded) throw versionNotFound(name, version);
  return loaded;
}

/**
 * Version max+1, counting soft-deleted versions, so a number is never reused. A version made
 * from a logged model is recorded on that model in the same transaction.
 */
export async function createModelVersion(ctx: StoreContext, input: CreateModelVersionInput): Promise<ModelVersion> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.conn.write(async (trx) => {
        const now = Date.now();
        // Touching the parent first takes its row lock on PostgreSQL, so concurrent creates on
        // one model queue up instead of racing for the same number (the retry stays as a net).
        const touched = await trx
          .updateTable("registered_models")
          .set({ last_updated_time: now })
          .where("name", "=", input.name)
          .executeTakeFirst();
        if (Number(touched.numUpdatedRows) === 0) throw modelNotFound(input.name);
        const max = await trx
          .selectFrom("model_versions")
          .select((eb) => eb.fn.max("version").as("max"))
          .where("name", "=", input.name)
          .executeTakeFirst();
        const version = Number(max?.max ?? 0) + 1;
        await trx
          .insertInto("model_versions")
          .values({
            name: input.name,
            version,
            creation_time: now,
            last_updated_time: now,
            description: input.description ?? null,
            user_id: null,
            current_stage: "None",
            source: input.source,
            storage_location: input.storageLocation ?? null,
            run_id: input.runId || null,
            run_link: input.runLink || null,
            status: "READY",
            status_message: null,
            model_id: input.modelId || null,
          })
          .execute();
        await upsertVersionTags(ctx.conn.capabilities, trx, input.name, version, input.tags ?? []);
        if (input.modelId) await recordRegistration(ctx.conn.capabilities, trx, input.modelId, input.name, version);
        return readVersion(trx, input.name, String(version));
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= CREATE_RETRIES) throw error;
    }
  }
}

export async function getModelVersion(ctx: StoreContext, name: string, version: string): Promise<ModelVersion> {
  return readVersion(ctx.conn.reader, name, version);
}

export async function updateModelVersion(ctx: StoreContext, name: string, version: string, description: string): Promise<ModelVersion> {
  return ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    const row = await requireVersion(trx, name, version);
    await trx
      .updateTable("model_versions")
      .set({ description, last_updated_time: Date.now() })
      .where("name", "=", name)
      .where("version", "=", row.version)
      .execute();
    return readVersion(trx, name, version);
  });
}

export async function transitionModelVersionStage(
  ctx: StoreContext,
  name: string,
  version: string,
  stage: string,
  archiveExistingVersions: boolean,
): Promise<ModelVersion> {
  const target = canonicalStage(stage);
  if (archiveExistingVersions && !ACTIVE_STAGES.includes(target)) {
    throw invalidParameter(
      `Model version transition cannot archive existing model versions because '${stage}' is not an Active stage. Valid stages are ['Staging', 'Production']`,
    );
  }
  return ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    const row = await requireVersion(trx, name, version);
    const now = Date.now();
    if (archiveExistingVersions) {
      await trx
        .updateTable("model_versions")
        .set({ current_stage: "Archived", last_updated_time: now })
        .where("name", "=", name)
        .where("version", "<>", row.version)
        .where("current_stage", "=", target)
        .execute();
    }
    await trx
      .updateTable("model_versions")
      .set({ current_stage: target, last_updated_time: now })
      .where("name", "=", name)
      .where("version", "=", row.version)
      .execute();
    await touchModel(trx, name, now);
    return readVersion(trx, name, version);
  });
}

/** The soft delete of mlflow-wire.md §5: redacted, stage Deleted_Internal, aliases removed, tags kept. */
export async function deleteModelVersion(ctx: StoreContext, name: string, version: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    const row = await requireVersion(trx, name, version);
    const now = Date.now();
    await trx
      .updateTable("model_versions")
      .set({
        current_stage: STAGE_DELETED_INTERNAL,
        description: null,
        user_id: null,
        status_message: null,
        source: "REDACTED-SOURCE-PATH",
        storage_location: null,
        run_id: "REDACTED-RUN-ID",
        run_link: "REDACTED-RUN-LINK",
        last_updated_time: now,
      })
      .where("name", "=", name)
      .where("version", "=", row.version)
      .execute();
    await trx.deleteFrom("registered_model_aliases").where("name", "=", name).where("version", "=", row.version).execute();
    await touchModel(trx, name, now);
  });
}

export async function getModelVersionDownloadUri(ctx: StoreContext, name: string, version: string): Promise<string> {
  const row = await requireVersion(ctx.conn.reader, name, version);
  return row.storage_location || row.source;
}

export async function setModelVersionTag(ctx: StoreContext, name: string, version: string, tag: Tag): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    const row = await requireVersion(trx, name, version);
    await upsertVersionTags(ctx.conn.capabilities, trx, name, row.version, [tag]);
  });
}

export async function deleteModelVersionTag(ctx: StoreContext, name: string, version: string, key: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    const row = await requireVersion(trx, name, version);
    await trx.deleteFrom("model_version_tags").where("name", "=", name).where("version", "=", row.version).where("key", "=", key).execute();
  });
}

async function upsertVersionTags(
  caps: DialectCapabilities,
  trx: Kysely<Database>,
  name: string,
  version: number,
  tags: Tag[],
): Promise<void> {
  if (tags.length === 0) return;
  const byKey = new Map(tags.map((tag) => [tag.key, tag.value]));
  await onConflictUpdate(
    caps,
    trx.insertInto("model_version_tags").values([...byKey].map(([key, value]) => ({ name, version, key, value }))),
    ["name", "version", "key"],
    (incoming) => ({ value: incoming("value") }),
  ).execute();
}
