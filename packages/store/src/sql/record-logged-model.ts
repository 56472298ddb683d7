import { invalidParameter } from "@cairn/core";
import { LIMITS } from "../validation/limits.js";
import { requireActiveRun } from "./require-run.js";
import { upsertRunTags } from "./run-tags.js";
import type { StoreContext } from "./store-context.js";

export const LOGGED_MODELS_TAG = "mlflow.log-model.history";

/** The stored history as a list; anything else (a hand-set tag) starts a fresh one. */
function parseHistory(value: string | undefined): unknown[] {
  if (value === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * Read, append and write in one transaction, so concurrent log-model calls on a run cannot
 * lose each other's entries. Truncating the JSON to the tag limit (what a plain set-tag
 * does) would leave it unparseable, so whole entries are dropped instead, oldest first.
 */
export async function recordLoggedModel(ctx: StoreContext, runId: string, model: Record<string, unknown>): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireActiveRun(trx, runId);
    const stored = await trx
      .selectFrom("tags")
      .select("value")
      .where("run_uuid", "=", runId)
      .where("key", "=", LOGGED_MODELS_TAG)
      .executeTakeFirst();
    const history = [...parseHistory(stored?.value), model];
    let value = JSON.stringify(history);
    while (value.length > LIMITS.runTagValueLength && history.length > 1) {
      history.shift();
      value = JSON.stringify(history);
    }
    if (value.length > LIMITS.runTagValueLength) {
      throw invalidParameter(
        `The logged model's summary is ${value.length} characters long; the ${LOGGED_MODELS_TAG} tag holds at most ${LIMITS.runTagValueLength}.`,
      );
    }
    await upsertRunTags(ctx.conn.capabilities, trx, runId, [{ key: LOGGED_MODELS_TAG, value }]);
  });
}
