import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runWebhookStoreSuite } from "@cairn/conformance";
import { openStores } from "@cairn/store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-webhooks-"));

runWebhookStoreSuite({
  name: "sqlite",
  internal: true,
  createStore: async () =>
    (
      await openStores(`sqlite:///${path.join(dir, "cairn.db")}`, {
        defaultArtifactRoot: "mlflow-artifacts:/",
        webhookSecretKey: "a test key",
      })
    ).webhooks,
  dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
});
