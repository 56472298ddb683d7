import type { LoggedModelStore, RegistryStore, TrackingStore } from "@cairn/core";

export interface LoggedModelStoreSuiteOptions {
  /** Shown in the test names, e.g. "sqlite" or "rest→server→sqlite". */
  name: string;
  /** Fresh stores over one database: models need experiments and runs, registrations the registry. */
  createStores(): Promise<{ tracking: TrackingStore; loggedModels: LoggedModelStore; registry: RegistryStore }>;
  /** Called after the suite, e.g. to stop a server or drop a database. */
  dispose?(): Promise<void>;
}
