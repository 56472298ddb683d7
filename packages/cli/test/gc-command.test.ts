import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CAIRN_BIN, freePort, spawnCairn, waitForExit } from "./spawn-server.js";

const run = promisify(execFile);

/** `cairn gc` as users type it, against what a real server wrote. */
describe("cairn gc", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-gc-cli-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("permanently deletes deleted runs with their artifacts and prints what it freed", async () => {
    const { child, url } = await spawnCairn(["--port", String(await freePort())], dir);
    const api = (route: string, body: unknown) =>
      fetch(`${url}/api/2.0/mlflow/${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<Record<string, unknown>>);
    const info = ((await api("runs/create", { experiment_id: "0" }))["run"] as { info: { run_id: string; artifact_uri: string } }).info;
    const relative = info.artifact_uri.replace(/^mlflow-artifacts:\//, "");
    await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts/${relative}/model.bin`, { method: "PUT", body: Buffer.alloc(4096, 1) });
    await api("runs/delete", { run_id: info.run_id });
    child.kill("SIGTERM");
    await waitForExit(child);

    await expect(run(process.execPath, [CAIRN_BIN, "gc", "--older-than", "soon"], { cwd: dir })).rejects.toMatchObject({
      stderr: expect.stringContaining("Could not parse any time information from 'soon'"),
    });
    const recent = await run(process.execPath, [CAIRN_BIN, "gc", "--older-than", "1d2h3m4s"], { cwd: dir });
    expect(recent.stdout).toContain("Freed 0 bytes: 0 runs, 0 experiments.");
    const { stdout } = await run(
      process.execPath,
      [CAIRN_BIN, "gc", "--backend-store-uri", "sqlite:///cairn.db", "--artifacts-destination", "./mlartifacts", "--run-ids", info.run_id],
      { cwd: dir },
    );
    expect(stdout).toContain(`Run with ID ${info.run_id} has been permanently deleted (4096 bytes freed).`);
    expect(stdout).toContain("Freed 4096 bytes: 1 runs, 0 experiments.");
    expect(fs.existsSync(path.join(dir, "mlartifacts", "0", info.run_id))).toBe(false);
  });
});
