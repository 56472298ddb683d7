import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "@cairn/server";
import { openStores } from "@cairn/store";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./chromium.mjs";

/** Debian's Chromium; never a browser downloaded by Playwright. */
const UI_ROOT = fileURLToPath(new URL("../dist/", import.meta.url));
/** Screenshots land in the repository's gitignored test-output/ui/. */
export const SCREENSHOTS = fileURLToPath(new URL("../../../test-output/ui/", import.meta.url));

type Json = Record<string, unknown>;

export interface UiServer {
  url: string;
  /** POSTs (or PATCHes/DELETEs) JSON to `/api/2.0/mlflow<route>` and returns the parsed answer. */
  api(route: string, body: Json, method?: string): Promise<Json>;
  putArtifact(runId: string, experimentId: string, file: string, content: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

/** A real Cairn server on a loopback port, a fresh SQLite file, serving the built UI. */
export async function startUiServer(): Promise<UiServer> {
  if (!fs.existsSync(path.join(UI_ROOT, "index.html"))) throw new Error("packages/web/dist is missing: run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-ui-"));
  const { tracking, registry } = await openStores(`sqlite:///${path.join(dir, "cairn.db")}`, { defaultArtifactRoot: "mlflow-artifacts:/" });
  const app = await createServer({
    trackingStore: tracking,
    registryStore: registry,
    artifactsDestination: path.join(dir, "artifacts"),
    uiRoot: UI_ROOT,
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    async api(route, body, method = "POST") {
      const response = await fetch(`${url}/api/2.0/mlflow${route}`, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Json;
      if (!response.ok) throw new Error(`${route}: ${JSON.stringify(json)}`);
      return json;
    },
    async putArtifact(runId, experimentId, file, content) {
      const response = await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/${file}`, {
        method: "PUT",
        body: content,
      });
      if (!response.ok) throw new Error(`upload ${file}: ${response.status}`);
    },
    async close() {
      await app.close();
      await tracking.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Requests the page tried to make anywhere but the Cairn server (all blocked). */
  external: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Headless Debian Chromium through playwright-core, with a fresh profile and no outside network. */
export async function launchBrowser(): Promise<Browser> {
  const { context, close } = await launchChromium("cairn-chromium-");
  const external: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.protocol === "blob:" || target.protocol === "data:" || target.hostname === "127.0.0.1") return route.continue();
    external.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    external,
    errors,
    async screenshot(name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    close,
  };
}

/** Logs `count` steps of each metric in batches of 1000 (MLflow's per-request limit). */
export async function logSeries(
  server: UiServer,
  runId: string,
  metrics: Record<string, (step: number) => number>,
  count: number,
  start = Date.now(),
): Promise<void> {
  const keys = Object.keys(metrics);
  const perBatch = Math.floor(1000 / keys.length);
  for (let step = 0; step < count; step += perBatch) {
    const batch = [];
    for (let offset = step; offset < Math.min(step + perBatch, count); offset++) {
      for (const key of keys)
        batch.push({ key, value: (metrics[key] as (step: number) => number)(offset), timestamp: start + offset * 100, step: offset });
    }
    await server.api("/runs/log-batch", { run_id: runId, metrics: batch });
  }
}
