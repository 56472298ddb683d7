import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "@cairn/server";
import { openStores } from "@cairn/store";
import { type CreateCairnOptions, createCairn } from "../node/create-cairn.js";
import { CairnRestClient } from "../rest/cairn-rest-client.js";
import type { Cairn } from "../run/cairn.js";

export interface TestServerOptions {
  /** Keep data in this SQLite file (to restart a server on the same data); default in memory. */
  databaseFile?: string;
  /** Where proxied artifacts go; default a fresh temporary folder, removed on close. */
  artifactsDestination?: string;
  /** Port to listen on; default a random free one. */
  port?: number;
}

export interface TestServer {
  /** The server's base URL, e.g. `http://127.0.0.1:43817`. */
  url: string;
  /** A typed low-level client for it. */
  client: CairnRestClient;
  /** A tracker logging to it (no journal on disk, no exit hooks); closed with the server. */
  createCairn(options?: CreateCairnOptions): Promise<Cairn>;
  close(): Promise<void>;
}

/**
 * Starts a real Cairn server in this process, on 127.0.0.1 and a random port, over an
 * in-memory SQLite store: for users' own test suites.
 *
 * @example
 * const server = await startTestServer();
 * const cairn = await server.createCairn({ experiment: "unit" });
 * await cairn.withRun({ name: "t" }, async (run) => run.logMetrics({ loss: 1 }));
 * await server.close();
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const temporary = options.artifactsDestination ? null : fs.mkdtempSync(path.join(os.tmpdir(), "cairn-test-server-"));
  const artifactsDestination = options.artifactsDestination ?? path.join(temporary as string, "artifacts");
  const uri = options.databaseFile ? `sqlite:///${path.resolve(options.databaseFile)}` : "sqlite:///:memory:";
  const { tracking, registry, loggedModels, webhooks } = await openStores(uri, { defaultArtifactRoot: "mlflow-artifacts:/" });
  const app = await createServer({
    trackingStore: tracking,
    registryStore: registry,
    loggedModelStore: loggedModels,
    webhookStore: webhooks,
    artifactsDestination,
  });
  const url = await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const trackers: Cairn[] = [];
  return {
    url,
    client: new CairnRestClient({ baseUrl: url }),
    async createCairn(cairnOptions = {}) {
      const cairn = await createCairn({ journalDir: false, exitHooks: false, ...cairnOptions, trackingUri: url });
      trackers.push(cairn);
      return cairn;
    },
    async close() {
      for (const cairn of trackers) await cairn.close();
      // A response a test left unread would keep its connection, and close() would wait on it.
      app.server.closeAllConnections();
      await app.close();
      await tracking.close();
      if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
    },
  };
}
