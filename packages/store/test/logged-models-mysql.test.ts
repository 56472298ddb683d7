import { runLoggedModelStoreSuite } from "@cairn/conformance";
import { openStores } from "@cairn/store";
import { createTestDatabase } from "./mysql-database.js";

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

runLoggedModelStoreSuite({
  name: "mysql",
  createStores: async () => {
    database = await createTestDatabase();
    return openStores(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" });
  },
  dispose: async () => database?.drop(),
});
