import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CairnRestClient, RestLoggedModelStore, RestRegistryStore, RestTrackingStore, RestWebhookStore } from "@cairn/client";
import { createServer } from "@cairn/server";
import { openStores } from "@cairn/store";

export interface RestStores {
  tracking: RestTrackingStore;
  registry: RestRegistryStore;
  loggedModels: RestLoggedModelStore;
  webhooks: RestWebhookStore;
  /** Stops the server, closes its database and removes its folder. */
  close(): Promise<void>;
}

// The webhook suite's URLs name example.com hosts; a fixed public answer keeps it off the network.
const publicLookup = async () => [{ address: "93.184.215.14", family: 4 }];

/**
 * The SDK's REST stores over a real server listening on 127.0.0.1, itself over a fresh SQLite
 * file with every store: the REST → server → SQLite backend of the conformance suites.
 */
export async function startRestStores(): Promise<RestStores> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-sdk-rest-"));
  const stores = await openStores(`sqlite:///${path.join(dir, "cairn.db")}`, { defaultArtifactRoot: "mlflow-artifacts:/" });
  const app = await createServer({
    trackingStore: stores.tracking,
    registryStore: stores.registry,
    loggedModelStore: stores.loggedModels,
    webhookStore: stores.webhooks,
    webhooks: { lookup: publicLookup },
    artifactsDestination: path.join(dir, "artifacts"),
  });
  const client = new CairnRestClient({ baseUrl: await app.listen({ host: "127.0.0.1", port: 0 }) });
  return {
    tracking: new RestTrackingStore(client),
    registry: new RestRegistryStore(client),
    loggedModels: new RestLoggedModelStore(client),
    webhooks: new RestWebhookStore(client),
    async close() {
      await app.close();
      await stores.tracking.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
