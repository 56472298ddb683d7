import { runTrackingStoreSuite } from "@cairn/conformance";
import { openTrackingStore } from "@cairn/store";
import { createTestDatabase } from "./postgres-database.js";

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

runTrackingStoreSuite({
  name: "postgresql",
  createStore: async () => {
    database = await createTestDatabase();
    return openTrackingStore(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" });
  },
  dispose: async () => database?.drop(),
});
