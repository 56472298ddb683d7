import { runWebhookStoreSuite } from "@cairn/conformance";
import { type RestStores, startRestStores } from "./rest-stores.js";

// The webhook suite (its server-only part skipped: secrets and attempts are not on the wire) through the SDK's REST stores: SDK → HTTP → server → SQLite.
let server: RestStores | undefined;
runWebhookStoreSuite({
  name: "sdk rest→server→sqlite",
  internal: false,
  createStore: async () => {
    server = await startRestStores();
    return server.webhooks;
  },
  dispose: async () => server?.close(),
});
