import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPurgeStoreSuite } from "@cairn/conformance";
import { openStores } from "@cairn/store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-purge-"));

runPurgeStoreSuite({
  name: "sqlite",
  createStores: () => openStores(`sqlite:///${path.join(dir, "cairn.db")}`, { defaultArtifactRoot: "mlflow-artifacts:/" }),
  dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
});
