import type { TrackingStore } from "@cairn/core";
import { afterAll, beforeAll, describe } from "vitest";
import { experimentTests } from "./experiments-suite.js";
import { historyTests } from "./history-suite.js";
import { loggingTests } from "./logging-suite.js";
import { metricViewTests } from "./metric-views-suite.js";
import { runTests } from "./runs-suite.js";
import { searchTests } from "./search-suite.js";
import type { TrackingStoreSuiteOptions } from "./suite-options.js";

/**
 * The tracking-store conformance suite: the same tests for every backend (SQLite, PostgreSQL,
 * REST → server → SQLite), so they all behave as MLflow's store does.
 *
 * @example
 * runTrackingStoreSuite({ name: "sqlite", createStore: () => openTrackingStore("sqlite:///:memory:", opts) });
 */
export function runTrackingStoreSuite(options: TrackingStoreSuiteOptions): void {
  describe(`tracking store conformance: ${options.name}`, () => {
    let store: TrackingStore | undefined;
    beforeAll(async () => {
      store = await options.createStore();
    });
    afterAll(async () => {
      await store?.close();
      await options.dispose?.();
    });
    const current = (): TrackingStore => {
      if (!store) throw new Error("store not created");
      return store;
    };
    describe("experiments", () => experimentTests(current));
    describe("runs", () => runTests(current));
    describe("logging", () => loggingTests(current));
    describe("search", () => searchTests(current));
    describe("history", () => historyTests(current));
    describe("metric views", () => metricViewTests(current));
  });
}
