import type { ModelVersion } from "@cairn/core";
import type { StoreContext } from "../store-context.js";
import { onConflictUpdate } from "../upsert.js";
import { getModelVersion, requireVersion } from "./model-versions.js";
import { lockModel, requireModel } from "./registered-models.js";
import { aliasNotFound } from "./registry-errors.js";

/** Points `name@alias` at a live version; setting it again moves it (an upsert). */
export async function setRegisteredModelAlias(ctx: StoreContext, name: string, alias: string, version: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    const row = await requireVersion(trx, name, version);
    const insert = trx.insertInto("registered_model_aliases").values({ name, alias, version: row.version });
    await onConflictUpdate(ctx.conn.capabilities, insert, ["name", "alias"], () => ({ version: row.version })).execute();
  });
}

export async function deleteRegisteredModelAlias(ctx: StoreContext, name: string, alias: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await lockModel(trx, name);
    await trx.deleteFrom("registered_model_aliases").where("name", "=", name).where("alias", "=", alias).execute();
  });
}

export async function getModelVersionByAlias(ctx: StoreContext, name: string, alias: string): Promise<ModelVersion> {
  const db = ctx.conn.reader;
  await requireModel(db, name);
  const row = await db
    .selectFrom("registered_model_aliases")
    .select("version")
    .where("name", "=", name)
    .where("alias", "=", alias)
    .executeTakeFirst();
  if (!row) throw aliasNotFound(alias);
  return getModelVersion(ctx, name, String(row.version));
}
