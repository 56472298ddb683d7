import { CairnError } from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database, LoggedModelsTable } from "../schema.js";

/** MLflow's message for an unknown (or deleted) logged model; a huge id is not echoed in full. */
export function loggedModelNotFound(modelId: string): CairnError {
  const shown = modelId.length > 300 ? `${modelId.slice(0, 300)}...` : modelId;
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `Logged model with ID '${shown}' not found.`);
}

/** The live (not deleted) model, or RESOURCE_DOES_NOT_EXIST. */
export async function requireLoggedModel(db: Kysely<Database>, modelId: string): Promise<LoggedModelsTable> {
  const row = await db
    .selectFrom("logged_models")
    .selectAll()
    .where("model_id", "=", modelId)
    .where("lifecycle_stage", "=", "active")
    .executeTakeFirst();
  if (!row) throw loggedModelNotFound(modelId);
  return row;
}

/** Every id must name a live model; the first unknown one is reported. */
export async function requireLoggedModels(db: Kysely<Database>, modelIds: readonly string[]): Promise<void> {
  const found = await db
    .selectFrom("logged_models")
    .select("model_id")
    .where("model_id", "in", [...modelIds])
    .where("lifecycle_stage", "=", "active")
    .execute();
  const known = new Set(found.map((row) => row.model_id));
  const missing = modelIds.find((id) => !known.has(id));
  if (missing !== undefined) throw loggedModelNotFound(missing);
}
