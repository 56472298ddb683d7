import { runRegistryStoreSuite } from "@cairn/conformance";
import { type RestStores, startRestStores } from "./rest-stores.js";

// The registry-store suite through the SDK's REST stores: SDK → HTTP → server → SQLite.
let server: RestStores | undefined;
runRegistryStoreSuite({
  name: "sdk rest→server→sqlite",
  createStores: async () => {
    server = await startRestStores();
    return { tracking: server.tracking, registry: server.registry };
  },
  dispose: async () => server?.close(),
});
