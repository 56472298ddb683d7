import { runWebhookStoreSuite } from "@cairn/conformance";
import { openStores } from "@cairn/store";
import { createTestDatabase } from "./mysql-database.js";

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

runWebhookStoreSuite({
  name: "mysql",
  internal: true,
  createStore: async () => {
    database = await createTestDatabase();
    // No key: secrets are stored marked plain, and the suite passes the same.
    return (await openStores(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" })).webhooks;
  },
  dispose: async () => database?.drop(),
});
