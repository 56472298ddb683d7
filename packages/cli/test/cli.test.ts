import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveServerSettings } from "../src/server-options.js";
import { freePort, spawnCairn, waitForExit } from "./spawn-server.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("cairn server", () => {
  it("starts on the embedded default in the current directory and stops on SIGTERM", async () => {
    const port = String(await freePort());
    const started = Date.now();
    const server = await spawnCairn(["--port", port], dir);
    const health = await fetch(`${server.url}/health`);
    expect(await health.text()).toBe("OK");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fs.existsSync(path.join(dir, "cairn.db"))).toBe(true);
    server.child.kill("SIGTERM");
    expect(await waitForExit(server.child)).toBe(0);
  });

  it("resolves MLflow's flags and environment variables", () => {
    const settings = resolveServerSettings({ port: "5001", backendStoreUri: "sqlite:////tmp/x.db" }, "/srv");
    expect(settings).toMatchObject({ host: "127.0.0.1", port: 5001, backendStoreUri: "sqlite:////tmp/x.db", serveArtifacts: true });
    expect(settings.defaultArtifactRoot).toBe("mlflow-artifacts:/");
    expect(settings.artifactsDestination).toBe("/srv/mlartifacts");
    const noProxy = resolveServerSettings({ serveArtifacts: false }, "/srv");
    expect(noProxy.defaultArtifactRoot).toBe("file:///srv/mlruns");
    process.env["MLFLOW_BACKEND_STORE_URI"] = "postgresql://u@h:5432/db";
    try {
      expect(resolveServerSettings({}, "/srv").backendStoreUri).toBe("postgresql://u@h:5432/db");
    } finally {
      delete process.env["MLFLOW_BACKEND_STORE_URI"];
    }
  });
});
