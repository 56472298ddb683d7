import type { Tag } from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** The tag MLflow keeps in step with the run's name. */
export const RUN_NAME_TAG = "mlflow.runName";

/**
 * Tags overwrite; within one request the last value of a key wins. Setting `mlflow.runName`
 * renames the run too, as in MLflow.
 */
export async function upsertRunTags(trx: Kysely<Database>, runId: string, tags: Tag[]): Promise<void> {
  if (tags.length === 0) return;
  const byKey = new Map(tags.map((tag) => [tag.key, tag.value]));
  await trx
    .insertInto("tags")
    .values([...byKey].map(([key, value]) => ({ run_uuid: runId, key, value })))
    .onConflict((oc) => oc.columns(["run_uuid", "key"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })))
    .execute();
  const runName = byKey.get(RUN_NAME_TAG);
  if (runName !== undefined) await trx.updateTable("runs").set({ name: runName }).where("run_uuid", "=", runId).execute();
}
