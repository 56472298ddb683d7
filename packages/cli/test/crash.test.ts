import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnCairn, waitForExit } from "./spawn-server.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-crash-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function post(url: string, route: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/2.0/mlflow${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Durability: every acknowledged log-batch survives `kill -9` of the server. */
describe("crash durability", () => {
  it("keeps every acknowledged metric after kill -9 during a stream of log-batch calls", async () => {
    const port = String(await freePort());
    const args = ["--port", port, "--backend-store-uri", "sqlite:///crash.db"];
    const first = await spawnCairn(args, dir);
    const runId = ((await (await post(first.url, "/runs/create", { experiment_id: "0" })).json()) as { run: { info: { run_id: string } } })
      .run.info.run_id;

    const acknowledged: number[] = [];
    let batch = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const current = batch++;
        const metrics = Array.from({ length: 100 }, (_, i) => ({ key: "m", value: i, timestamp: 1, step: current * 100 + i }));
        try {
          const response = await post(first.url, "/runs/log-batch", { run_id: runId, metrics });
          if (response.ok) acknowledged.push(current);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    // Kill once a good number of batches were acknowledged, however slow the machine is.
    for (const deadline = Date.now() + 30_000; acknowledged.length < 30 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    await waitForExit(first.child);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await spawnCairn(args, dir);
    try {
      const history = (await (await fetch(`${second.url}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=m`)).json()) as {
        metrics?: Array<{ step: number }>;
      };
      const steps = new Set((history.metrics ?? []).map((m) => m.step));
      const lost = acknowledged.filter((b) => !steps.has(b * 100) || !steps.has(b * 100 + 99));
      expect(lost).toEqual([]);
    } finally {
      second.child.kill("SIGTERM");
      await waitForExit(second.child);
    }
  });
});
