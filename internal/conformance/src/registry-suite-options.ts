import type { RegistryStore, TrackingStore } from "@cairn/core";

export interface RegistryStoreSuiteOptions {
  /** Shown in the test names, e.g. "sqlite" or "rest→server→sqlite". */
  name: string;
  /** A fresh registry and the tracking store beside it (sources name its runs). Called once per suite. */
  createStores(): Promise<{ tracking: TrackingStore; registry: RegistryStore }>;
  /** Called after the suite, e.g. to stop a server or drop a database. */
  dispose?(): Promise<void>;
}
