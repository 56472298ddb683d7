import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runTrackingStoreSuite } from "@cairn/conformance";
import { openTrackingStore } from "@cairn/store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-sqlite-"));

runTrackingStoreSuite({
  name: "sqlite",
  createStore: () => openTrackingStore(`sqlite:///${path.join(dir, "cairn.db")}`, { defaultArtifactRoot: "mlflow-artifacts:/" }),
  dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
});
