import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ArtifactRepository } from "@cairn/core";
import { createServer, type GcSchedule, type WebhookOptions } from "@cairn/server";
import { openStores } from "@cairn/store";

export interface TestServer {
  url: string;
  dir: string;
  tracking: TrackingStore;
  purge: PurgeStore;
  /** POSTs JSON (or raw text) with a JSON content type unless told otherwise. */
  post(
    route: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }>;
  get(route: string): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * A real Cairn server on a random loopback port over a fresh SQLite file and artifact folder.
 * Listening for real (not `inject`) so the tests see exactly what a client sees on the wire.
 */
export async function startTestServer(
  options: {
    serveArtifacts?: boolean;
    webhooks?: WebhookOptions;
    artifactRepository?: ArtifactRepository;
    defaultArtifactRoot?: string;
    env?: NodeJS.ProcessEnv;
    gc?: GcSchedule;
    /** The store to serve (a `postgresql://` URL, say); a fresh SQLite file by default. */
    backendUri?: string;
  } = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-server-"));
  const {
    tracking: store,
    registry,
    webhooks,
    loggedModels,
    purge,
  } = await openStores(options.backendUri ?? `sqlite:///${path.join(dir, "cairn.db")}`, {
    defaultArtifactRoot:
      options.defaultArtifactRoot ?? (options.serveArtifacts === false ? `file://${path.join(dir, "mlruns")}` : "mlflow-artifacts:/"),
  });
  const app = await createServer({
    trackingStore: store,
    registryStore: registry,
    webhookStore: webhooks,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    loggedModelStore: loggedModels,
    purgeStore: purge,
    ...(options.gc ? { gc: options.gc } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.serveArtifacts === false
      ? { artifactRepository: null }
      : options.artifactRepository
        ? { artifactRepository: options.artifactRepository }
        : { artifactsDestination: path.join(dir, "artifacts") }),
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const read = async (response: Response) => {
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: response.status, json, text, headers: response.headers };
  };
  return {
    url,
    dir,
    tracking: store,
    purge,
    async post(route, body, headers = { "content-type": "application/json" }) {
      return read(await fetch(`${url}${route}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
    },
    async get(route) {
      return read(await fetch(`${url}${route}`));
    },
    async close() {
      // A test that leaves a response body unread keeps its connection busy, and close() would
      // wait on it for ever; a test server has nothing in flight worth finishing.
      app.server.closeAllConnections();
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
