import { randomUUID } from "node:crypto";
import { CairnError, type CreateRunInput, type Run, type RunInfo, type Tag, type UpdateRunInput } from "@cairn/core";
import { runArtifactUri } from "./artifact-uris.js";
import { parseExperimentId } from "./experiment-id.js";
import { requireActiveExperiment } from "./experiments.js";
import { findRun, requireActiveRun } from "./require-run.js";
import { toRunInfo } from "./rows.js";
import { loadRuns } from "./run-loader.js";
import { randomRunName } from "./run-names.js";
import { RUN_NAME_TAG, upsertRunTags } from "./run-tags.js";
import type { RunsTable } from "./schema.js";
import type { StoreContext } from "./store-context.js";

export async function createRun(ctx: StoreContext, input: CreateRunInput): Promise<Run> {
  const tags = input.tags ?? [];
  const tagName = tags.find((tag) => tag.key === RUN_NAME_TAG)?.value;
  if (input.runName && tagName !== undefined && tagName !== input.runName) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${tagName}').`,
    );
  }
  const runName = input.runName || tagName || randomRunName();
  const runId = randomUUID().replaceAll("-", "");
  const experimentId = parseExperimentId(input.experimentId);
  const row = await ctx.conn.write(async (trx) => {
    const experiment = await requireActiveExperiment(trx, experimentId, input.experimentId);
    const run: RunsTable = {
      run_uuid: runId,
      experiment_id: experimentId,
      name: runName,
      user_id: input.userId ?? "",
      status: "RUNNING",
      start_time: input.startTime ?? Date.now(),
      end_time: null,
      deleted_time: null,
      lifecycle_stage: "active",
      artifact_uri: runArtifactUri(experiment.artifact_location, runId),
    };
    await trx.insertInto("runs").values(run).execute();
    const allTags: Tag[] = [...tags.filter((tag) => tag.key !== RUN_NAME_TAG), { key: RUN_NAME_TAG, value: runName }];
    await upsertRunTags(ctx.conn.capabilities, trx, runId, allTags);
    return run;
  });
  const [run] = await loadRuns(ctx.conn.reader, [row]);
  return run as Run;
}

export async function getRun(ctx: StoreContext, runId: string): Promise<Run> {
  const row = await findRun(ctx.conn.reader, runId);
  const [run] = await loadRuns(ctx.conn.reader, [row]);
  return run as Run;
}

export async function updateRun(ctx: StoreContext, runId: string, input: UpdateRunInput): Promise<RunInfo> {
  const row = await ctx.conn.write(async (trx) => {
    const current = await requireActiveRun(trx, runId);
    const changes: Partial<RunsTable> = {};
    if (input.status !== undefined) changes.status = input.status;
    if (input.endTime !== undefined) changes.end_time = input.endTime;
    if (input.runName) {
      changes.name = input.runName;
      await upsertRunTags(ctx.conn.capabilities, trx, runId, [{ key: RUN_NAME_TAG, value: input.runName }]);
    }
    if (Object.keys(changes).length > 0) {
      await trx.updateTable("runs").set(changes).where("run_uuid", "=", runId).execute();
    }
    return { ...current, ...changes };
  });
  return toRunInfo(row);
}

export async function deleteRun(ctx: StoreContext, runId: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await findRun(trx, runId);
    await trx.updateTable("runs").set({ lifecycle_stage: "deleted", deleted_time: Date.now() }).where("run_uuid", "=", runId).execute();
  });
}

export async function restoreRun(ctx: StoreContext, runId: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await findRun(trx, runId);
    await trx.updateTable("runs").set({ lifecycle_stage: "active", deleted_time: null }).where("run_uuid", "=", runId).execute();
  });
}

export async function deleteTag(ctx: StoreContext, runId: string, key: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireActiveRun(trx, runId);
    const result = await trx.deleteFrom("tags").where("run_uuid", "=", runId).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new CairnError("RESOURCE_DOES_NOT_EXIST", `No tag with name: ${key} in run with id ${runId}`);
    }
  });
}
