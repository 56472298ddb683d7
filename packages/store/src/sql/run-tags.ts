import type { Tag } from "@cairn/core";
import type { Kysely } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";
import type { Database } from "./schema.js";
import { onConflictUpdate } from "./upsert.js";

/** The tag MLflow keeps in step with the run's name. */
export const RUN_NAME_TAG = "mlflow.runName";

/**
 * Tags overwrite; within one request the last value of a key wins. Setting `mlflow.runName`
 * renames the run too, as in MLflow.
 */
export async function upsertRunTags(caps: DialectCapabilities, trx: Kysely<Database>, runId: string, tags: Tag[]): Promise<void> {
  if (tags.length === 0) return;
  const byKey = new Map(tags.map((tag) => [tag.key, tag.value]));
  await onConflictUpdate(
    caps,
    trx.insertInto("tags").values([...byKey].map(([key, value]) => ({ run_uuid: runId, key, value }))),
    ["run_uuid", "key"],
    (incoming) => ({ value: incoming("value") }),
  ).execute();
  const runName = byKey.get(RUN_NAME_TAG);
  if (runName !== undefined) await trx.updateTable("runs").set({ name: runName }).where("run_uuid", "=", runId).execute();
}
