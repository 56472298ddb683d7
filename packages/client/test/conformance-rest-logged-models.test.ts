import { runLoggedModelStoreSuite } from "@cairn/conformance";
import { type RestStores, startRestStores } from "./rest-stores.js";

// The logged-model suite through the SDK's REST stores: SDK → HTTP → server → SQLite.
let server: RestStores | undefined;
runLoggedModelStoreSuite({
  name: "sdk rest→server→sqlite",
  createStores: async () => {
    server = await startRestStores();
    return { tracking: server.tracking, registry: server.registry, loggedModels: server.loggedModels };
  },
  dispose: async () => server?.close(),
});
