import { MODEL_VERSIONS_TAG } from "@cairn/core";
import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import type { Database } from "../schema.js";
import { onConflictUpdate } from "../upsert.js";
import { parseRegistrations } from "./logged-model-loader.js";
import { requireLoggedModel } from "./require-logged-model.js";

/** Python's `json.dumps` spacing, which MLflow's tag value has and its tests compare verbatim. */
function pythonJson(entries: Array<{ name: string; version: number }>): string {
  return `[${entries.map((entry) => `{"name": ${JSON.stringify(entry.name)}, "version": ${entry.version}}`).join(", ")}]`;
}

/**
 * Appends a registry version to the logged model's `mlflow.modelVersions` tag
 * (`[{"name": "clf", "version": 1}]`), inside the caller's transaction so the version and its
 * record on the model are written together or not at all.
 */
export async function recordRegistration(
  caps: DialectCapabilities,
  trx: Kysely<Database>,
  modelId: string,
  name: string,
  version: number,
): Promise<void> {
  await requireLoggedModel(trx, modelId);
  const stored = await trx
    .selectFrom("logged_model_tags")
    .select("value")
    .where("model_id", "=", modelId)
    .where("key", "=", MODEL_VERSIONS_TAG)
    .executeTakeFirst();
  const entries = parseRegistrations(stored?.value).map((entry) => ({ name: entry.name, version: Number(entry.version) }));
  entries.push({ name, version });
  await onConflictUpdate(
    caps,
    trx.insertInto("logged_model_tags").values({ model_id: modelId, key: MODEL_VERSIONS_TAG, value: pythonJson(entries) }),
    ["model_id", "key"],
    (incoming) => ({ value: incoming("value") }),
  ).execute();
}
