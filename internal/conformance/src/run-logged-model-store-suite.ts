import type { LoggedModelStore, RegistryStore, TrackingStore } from "@cairn/core";
import { afterAll, beforeAll, describe } from "vitest";
import { loggedModelRegistryTests } from "./logged-model-registry-suite.js";
import { loggedModelSearchTests } from "./logged-model-search-suite.js";
import type { LoggedModelStoreSuiteOptions } from "./logged-model-suite-options.js";
import { loggedModelTests } from "./logged-models-suite.js";

/**
 * The logged-model conformance suite (MLflow 3): the same tests for every backend (SQLite,
 * PostgreSQL, REST → server → SQLite), covering the model API, metrics/inputs/outputs that
 * name models, search, and registry versions made from models.
 *
 * @example
 * runLoggedModelStoreSuite({ name: "sqlite", createStores: () => openStores("sqlite:///:memory:", opts) });
 */
export function runLoggedModelStoreSuite(options: LoggedModelStoreSuiteOptions): void {
  describe(`logged-model store conformance: ${options.name}`, () => {
    let stores: { tracking: TrackingStore; loggedModels: LoggedModelStore; registry: RegistryStore } | undefined;
    beforeAll(async () => {
      stores = await options.createStores();
    });
    afterAll(async () => {
      await stores?.loggedModels.close();
      await stores?.registry.close();
      await stores?.tracking.close();
      await options.dispose?.();
    });
    const current = () => {
      if (!stores) throw new Error("stores not created");
      return stores;
    };
    describe("logged models", () => loggedModelTests(current));
    describe("search", () => loggedModelSearchTests(current));
    describe("registry", () => loggedModelRegistryTests(current));
  });
}
