import type { WebhookStore } from "@cairn/core";
import { afterAll, beforeAll, describe } from "vitest";
import type { WebhookStoreSuiteOptions } from "./webhook-suite-options.js";
import { webhookCrudTests, webhookInternalTests } from "./webhooks-suite.js";

/**
 * The webhook conformance suite: the same tests for every backend (SQLite, PostgreSQL,
 * REST → server → SQLite). The internal part (secrets, subscribers, recording attempts) is
 * skipped for REST, which does not expose it.
 *
 * @example
 * runWebhookStoreSuite({ name: "sqlite", internal: true, createStore: async () => (await openStores(uri, opts)).webhooks });
 */
export function runWebhookStoreSuite(options: WebhookStoreSuiteOptions): void {
  describe(`webhook store conformance: ${options.name}`, () => {
    let store: WebhookStore | undefined;
    beforeAll(async () => {
      store = await options.createStore();
    });
    afterAll(async () => {
      await store?.close();
      await options.dispose?.();
    });
    const current = (): WebhookStore => {
      if (!store) throw new Error("store not created");
      return store;
    };
    describe("crud", () => webhookCrudTests(current));
    describe.skipIf(!options.internal)("internal (not over REST)", () => webhookInternalTests(current));
  });
}
