import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runRegistryStoreSuite } from "@cairn/conformance";
import { openStores } from "@cairn/store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-registry-"));

runRegistryStoreSuite({
  name: "sqlite",
  createStores: () => openStores(`sqlite:///${path.join(dir, "cairn.db")}`, { defaultArtifactRoot: "mlflow-artifacts:/" }),
  dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
});
