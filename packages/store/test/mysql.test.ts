import { runTrackingStoreSuite } from "@cairn/conformance";
import { openTrackingStore } from "@cairn/store";
import { createTestDatabase } from "./mysql-database.js";

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

runTrackingStoreSuite({
  name: "mysql",
  createStore: async () => {
    database = await createTestDatabase();
    return openTrackingStore(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" });
  },
  dispose: async () => database?.drop(),
});
