import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "@cairn/server";
import { openStores } from "@cairn/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Static serving of the built UI: files, the single-page fallback, and what it must never serve. */
describe("web UI routes", () => {
  let app: FastifyInstance;
  let dir: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-ui-routes-"));
    const ui = path.join(dir, "ui");
    fs.mkdirSync(path.join(ui, "assets"), { recursive: true });
    fs.writeFileSync(path.join(ui, "index.html"), "<!doctype html><title>Cairn</title>");
    fs.writeFileSync(path.join(ui, "assets", "app-abc.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "secret.txt"), "do not serve");
    const { tracking, registry } = await openStores("sqlite:///:memory:", { defaultArtifactRoot: path.join(dir, "mlruns") });
    app = await createServer({ trackingStore: tracking, registryStore: registry, uiRoot: ui });
    close = async () => {
      await app.close();
      await tracking.close();
    };
  });

  afterAll(async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html with a strict CSP at / and for app routes, and hashed assets as immutable", async () => {
    for (const url of ["/", "/experiments/1", "/models/my%20model/versions/2?tab=x"]) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(response.body).toContain("<title>Cairn</title>");
    }
    const asset = await app.inject({ url: "/assets/app-abc.js" });
    expect(asset.headers["content-type"]).toContain("text/javascript");
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect((await app.inject({ url: "/assets/missing.js" })).statusCode).toBe(404);
  });

  it("keeps API paths JSON 404s and never serves files outside the UI folder", async () => {
    const api = await app.inject({ url: "/api/2.0/mlflow/nope" });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error_code: "ENDPOINT_NOT_FOUND" });
    expect((await app.inject({ url: "/ajax-api/2.0/unknown" })).statusCode).toBe(404);
    for (const url of ["/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"]) {
      const response = await app.inject({ url });
      expect(response.body).not.toContain("do not serve");
    }
  });
});
