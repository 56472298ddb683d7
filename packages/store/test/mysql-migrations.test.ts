import { openStores } from "@cairn/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./mysql-database.js";
import { replicasMigrateTogether } from "./replica-migrations.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe("mysql store", () => {
  replicasMigrateTogether(() => database.url);

  it("keeps keys that differ only by case or a trailing space apart", async () => {
    const { tracking } = await openStores(database.url, { defaultArtifactRoot: "mlflow-artifacts:/" });
    const runId = (await tracking.createRun({ experimentId: "0", startTime: 1, tags: [] })).info.run_id;
    const params = [
      { key: "p", value: "1" },
      { key: "P", value: "2" },
      { key: "p ", value: "3" },
    ];
    await tracking.logBatch(runId, { params });
    const stored = (await tracking.getRun(runId)).data.params;
    expect([...stored].sort((a, b) => a.value.localeCompare(b.value))).toEqual(params);
    await tracking.close();
  });
});
