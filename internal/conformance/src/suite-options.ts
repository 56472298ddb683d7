import type { TrackingStore } from "@cairn/core";

export interface TrackingStoreSuiteOptions {
  /** Shown in the test names, e.g. "sqlite" or "rest→server→sqlite". */
  name: string;
  /** A fresh, empty store (only experiment 0). Called once per suite. */
  createStore(): Promise<TrackingStore>;
  /** Called after the suite, e.g. to stop a server. */
  dispose?(): Promise<void>;
}

/** Unique names so tests can share one store without seeing each other's rows. */
let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
