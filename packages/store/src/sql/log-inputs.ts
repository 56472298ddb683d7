import { randomUUID } from "node:crypto";
import type { DatasetInput, ModelInput } from "@cairn/core";
import { requireLoggedModels } from "./logged-models/require-logged-model.js";
import { requireActiveRun } from "./require-run.js";
import type { StoreContext } from "./store-context.js";
import { onConflictIgnore } from "./upsert.js";

/**
 * Records dataset inputs of a run. A dataset is stored once per experiment and
 * (name, digest); the run → dataset edge once per pair, so re-logging is a no-op. Model inputs
 * are stored as MLflow stores them (source RUN_INPUT = the run, destination MODEL_INPUT = the
 * model), once per pair; every model must exist or nothing is written.
 */
export async function logInputs(ctx: StoreContext, runId: string, datasets: DatasetInput[], models: ModelInput[] = []): Promise<void> {
  await ctx.conn.write(async (trx) => {
    const run = await requireActiveRun(trx, runId);
    if (models.length > 0) {
      await requireLoggedModels(
        trx,
        models.map((model) => model.model_id),
      );
      await onConflictIgnore(
        ctx.conn.capabilities,
        trx.insertInto("inputs").values(
          [...new Set(models.map((model) => model.model_id))].map((modelId) => ({
            input_uuid: randomUUID().replaceAll("-", ""),
            source_type: "RUN_INPUT",
            source_id: runId,
            destination_type: "MODEL_INPUT",
            destination_id: modelId,
          })),
        ),
        "input_uuid",
      ).execute();
    }
    for (const input of datasets) {
      const { dataset } = input;
      await onConflictIgnore(
        ctx.conn.capabilities,
        trx.insertInto("datasets").values({
          dataset_uuid: randomUUID(),
          experiment_id: run.experiment_id,
          name: dataset.name,
          digest: dataset.digest,
          source_type: dataset.source_type,
          source: dataset.source,
          schema: dataset.schema ?? null,
          profile: dataset.profile ?? null,
        }),
        "dataset_uuid",
      ).execute();
      const stored = await trx
        .selectFrom("datasets")
        .select("dataset_uuid")
        .where("experiment_id", "=", run.experiment_id)
        .where("name", "=", dataset.name)
        .where("digest", "=", dataset.digest)
        .executeTakeFirstOrThrow();
      const edge = await trx
        .selectFrom("inputs")
        .select("input_uuid")
        .where("destination_type", "=", "RUN")
        .where("destination_id", "=", runId)
        .where("source_type", "=", "DATASET")
        .where("source_id", "=", stored.dataset_uuid)
        .executeTakeFirst();
      if (edge) continue;
      const inputUuid = randomUUID();
      await trx
        .insertInto("inputs")
        .values({
          input_uuid: inputUuid,
          source_type: "DATASET",
          source_id: stored.dataset_uuid,
          destination_type: "RUN",
          destination_id: runId,
        })
        .execute();
      if (input.tags.length > 0) {
        await onConflictIgnore(
          ctx.conn.capabilities,
          trx.insertInto("input_tags").values(input.tags.map((tag) => ({ input_uuid: inputUuid, name: tag.key, value: tag.value }))),
          "input_uuid",
        ).execute();
      }
    }
  });
}
