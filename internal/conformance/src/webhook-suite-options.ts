import type { WebhookStore } from "@cairn/core";

export interface WebhookStoreSuiteOptions {
  /** Shown in the test names, e.g. "sqlite" or "rest→server→sqlite". */
  name: string;
  /** A fresh webhook store. Called once per suite. */
  createStore(): Promise<WebhookStore>;
  /**
   * Whether the store exposes what only the server itself uses (secrets, subscriber look-up,
   * recording attempts). A REST client does not: those tests are skipped for it.
   */
  internal: boolean;
  /** Called after the suite, e.g. to stop a server or drop a database. */
  dispose?(): Promise<void>;
}
