import type { RegistryStore, TrackingStore } from "@cairn/core";
import { afterAll, beforeAll, describe } from "vitest";
import { registeredModelTests } from "./registry-models-suite.js";
import { registrySearchTests } from "./registry-search-suite.js";
import type { RegistryStoreSuiteOptions } from "./registry-suite-options.js";
import { modelVersionTests } from "./registry-versions-suite.js";

/**
 * The registry conformance suite: the same tests for every backend (SQLite, PostgreSQL,
 * REST → server → SQLite), so they all behave as MLflow's registry does.
 *
 * @example
 * runRegistryStoreSuite({ name: "sqlite", createStores: () => openStores("sqlite:///:memory:", opts) });
 */
export function runRegistryStoreSuite(options: RegistryStoreSuiteOptions): void {
  describe(`registry store conformance: ${options.name}`, () => {
    let stores: { tracking: TrackingStore; registry: RegistryStore } | undefined;
    beforeAll(async () => {
      stores = await options.createStores();
    });
    afterAll(async () => {
      await stores?.registry.close();
      await stores?.tracking.close();
      await options.dispose?.();
    });
    const current = () => {
      if (!stores) throw new Error("stores not created");
      return stores;
    };
    describe("registered models", () => registeredModelTests(() => current().registry));
    describe("model versions", () =>
      modelVersionTests(
        () => current().registry,
        () => current().tracking,
      ));
    describe("search", () => registrySearchTests(() => current().registry));
  });
}
