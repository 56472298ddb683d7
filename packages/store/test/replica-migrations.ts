import { openStores } from "@cairn/store";
import { expect, it } from "vitest";

/**
 * Replicas started together on one fresh database must not fail on each other's migrations
 * (PostgreSQL: a duplicate pg_type row; MySQL: half-applied DDL), and then share one store.
 */
export function replicasMigrateTogether(url: () => string): void {
  it("migrates one fresh database from several replicas starting at once", async () => {
    const replicas = await Promise.all(Array.from({ length: 3 }, () => openStores(url(), { defaultArtifactRoot: "mlflow-artifacts:/" })));
    const id = await replicas[0]?.tracking.createExperiment({ name: "shared" });
    for (const stores of replicas) expect((await stores.tracking.getExperimentByName("shared"))?.experiment_id).toBe(id);
    for (const stores of replicas) await stores.tracking.close();
  });
}
