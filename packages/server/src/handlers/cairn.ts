import { CairnError, type TrackingStore } from "@cairn/core";
import type { Handler } from "./handler.js";

/** A store without Cairn's chart reads (not the SQL store) answers as MLflow does for an unknown feature. */
function viewMethod<K extends "getDownsampledMetric" | "getMetricSummaries">(
  store: TrackingStore,
  method: K,
): NonNullable<TrackingStore[K]> {
  const found = store[method];
  if (!found) throw new CairnError("NOT_IMPLEMENTED", `This server's tracking store does not support ${method}.`);
  return found.bind(store) as NonNullable<TrackingStore[K]>;
}

/** Default buckets: a wide chart at one bucket per pixel. */
const DEFAULT_BUCKETS = 1000;

/** Handlers of Cairn's extension endpoints (`CAIRN_OPERATIONS`). */
export const cairnHandlers = {
  async getDownsampledMetric({ store }, req) {
    const series = await viewMethod(
      store,
      "getDownsampledMetric",
    )({
      runIds: (req["run_ids"] as string[] | undefined) ?? [],
      key: req["key"] as string,
      buckets: (req["buckets"] as number | undefined) ?? DEFAULT_BUCKETS,
      ...(typeof req["start_step"] === "number" ? { startStep: req["start_step"] } : {}),
      ...(typeof req["end_step"] === "number" ? { endStep: req["end_step"] } : {}),
    });
    return { series };
  },
  async getMetricSummaries({ store }, req) {
    return { summaries: await viewMethod(store, "getMetricSummaries")((req["run_ids"] as string[] | undefined) ?? []) };
  },
} satisfies Record<string, Handler>;
