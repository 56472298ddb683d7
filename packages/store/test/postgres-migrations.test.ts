import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase } from "./postgres-database.js";
import { replicasMigrateTogether } from "./replica-migrations.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe("postgres store", () => {
  replicasMigrateTogether(() => database.url);
});
