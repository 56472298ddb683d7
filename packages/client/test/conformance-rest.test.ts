import { runTrackingStoreSuite } from "@cairn/conformance";
import { type RestStores, startRestStores } from "./rest-stores.js";

// The tracking-store suite through the SDK's REST stores: SDK → HTTP → server → SQLite.
let server: RestStores | undefined;
runTrackingStoreSuite({
  name: "sdk rest→server→sqlite",
  createStore: async () => {
    server = await startRestStores();
    return server.tracking;
  },
  dispose: async () => server?.close(),
});
