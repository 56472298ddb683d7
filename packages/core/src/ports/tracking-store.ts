import type { ExperimentStore } from "./experiment-store.js";
import type { MetricStore } from "./metric-store.js";
import type { MetricViewStore } from "./metric-view-store.js";
import type { RunStore } from "./run-store.js";

/**
 * The tracking port: what the server's handlers and the SDK talk to. The chart and table reads
 * (`MetricViewStore`) are optional so a store that only speaks MLflow's API (a REST client)
 * stays a complete `TrackingStore`; the server answers NOT_IMPLEMENTED without them.
 */
export interface TrackingStore extends ExperimentStore, RunStore, MetricStore, Partial<MetricViewStore> {
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
