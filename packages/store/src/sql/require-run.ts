import { CairnError } from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database, RunsTable } from "./schema.js";

export function runNotFound(runId: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `Run with id=${runId} not found`);
}

export async function findRun(db: Kysely<Database>, runId: string): Promise<RunsTable> {
  const row = await db.selectFrom("runs").selectAll().where("run_uuid", "=", runId).executeTakeFirst();
  if (!row) throw runNotFound(runId);
  return row;
}

/** The run, which must be active; writes to deleted runs are refused with HTTP 400. */
export async function requireActiveRun(db: Kysely<Database>, runId: string): Promise<RunsTable> {
  const row = await findRun(db, runId);
  if (row.lifecycle_stage !== "active") {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `The run ${runId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`,
    );
  }
  return row;
}
