import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCairn } from "@cairn/client";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import { afterEach, describe, expect, it } from "vitest";

// Outages for real: a listening server is stopped while a run keeps logging, then a new server
// starts on the same port and database. Every point must arrive exactly once.

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const fastRetries = {
  http: { retry: { maxRetries: 1, initialDelayMs: 20, maxDelayMs: 50 }, timeoutMs: 2_000 },
  probeIntervalMs: 50,
  maxProbeIntervalMs: 200,
};

async function restart(dir: string, port: number): Promise<TestServer> {
  return startTestServer({ databaseFile: path.join(dir, "cairn.db"), artifactsDestination: path.join(dir, "artifacts"), port });
}

describe("outage", () => {
  it("journals while the server is down and replays in order, exactly once, when it is back", async () => {
    const dir = tempDir("cairn-outage-");
    let server = await startTestServer({ databaseFile: path.join(dir, "cairn.db"), artifactsDestination: path.join(dir, "artifacts") });
    const port = Number(new URL(server.url).port);
    const journalDir = path.join(dir, "journal");
    const cairn = await createCairn({ trackingUri: server.url, journalDir, exitHooks: false, flushIntervalMs: 20, ...fastRetries });

    const run = await cairn.startRun({ experiment: "outage", params: { lr: 0.1 } });
    const runId = run.id;
    for (let step = 0; step < 300; step += 1) run.logMetrics({ loss: 1 / (step + 1), acc: step }, { step });
    await run.flush();
    run.setTag("phase", "before");

    await server.close();
    for (let step = 300; step < 900; step += 1) run.logMetrics({ loss: 1 / (step + 1), acc: step }, { step });
    run.setTag("phase", "during");
    run.logParams({ lr: 0.1, batch: 32 });
    await run.logArtifact(new TextEncoder().encode("journalled bytes"), { name: "offline.txt" });
    // A run started while the server is away gets a local id, and its server id on replay.
    const offline = await cairn.startRun({ experiment: "outage-new", name: "started-offline" });
    expect(offline.id).toBe(offline.localId);
    for (let step = 0; step < 100; step += 1) offline.logMetric("x", step, { step });
    const child = await run.startRun({ name: "child-offline" });
    child.logMetric("y", 1);
    await child.end();
    await offline.end();
    await cairn.flush();
    expect(cairn.pipeline.offline).toBe(true);
    const segments = fs.readdirSync(journalDir).filter((name) => name.endsWith(".journal"));
    expect(segments).toHaveLength(1);

    for (let step = 900; step < 1000; step += 1) run.logMetrics({ loss: 1 / (step + 1), acc: step }, { step });
    run.setTag("phase", "after");
    server = await restart(dir, port);
    expect(await cairn.waitForDelivery(30_000)).toBe(true);
    await run.end();
    await cairn.close();

    const { client } = server;
    for (const key of ["loss", "acc"]) {
      const history = (await client.getMetricHistory({ run_id: runId, metric_key: key })).metrics;
      expect(history).toHaveLength(1000);
      expect(new Set(history.map((metric) => metric.step)).size).toBe(1000);
    }
    const stored = (await client.getRun({ run_id: runId })).run;
    expect(stored.data.tags.find((tag) => tag.key === "phase")?.value).toBe("after");
    expect(stored.data.params).toEqual(
      expect.arrayContaining([
        { key: "lr", value: "0.1" },
        { key: "batch", value: "32" },
      ]),
    );
    expect(stored.info.status).toBe("FINISHED");
    expect(new TextDecoder().decode(await client.getArtifact({ run_id: runId, path: "offline.txt" }))).toBe("journalled bytes");

    expect(offline.id).not.toBe(offline.localId);
    const created = (await client.getRun({ run_id: offline.id })).run;
    expect(created.info.run_name).toBe("started-offline");
    expect(created.info.status).toBe("FINISHED");
    expect((await client.getMetricHistory({ run_id: offline.id, metric_key: "x" })).metrics).toHaveLength(100);
    const childRun = (await client.getRun({ run_id: child.id })).run;
    expect(childRun.data.tags.find((tag) => tag.key === "mlflow.parentRunId")?.value).toBe(runId);
    // Exactly one run per local id, however often creation was attempted.
    const runs = await client.searchRuns({ experiment_ids: [created.info.experiment_id], max_results: 10 });
    expect(runs.runs).toHaveLength(1);
    expect(fs.readdirSync(journalDir).filter((name) => name.includes(".journal"))).toEqual([]);
    await server.close();
  });

  it("a process killed while offline leaves a journal the next process replays", async () => {
    const { dir, port, journalDir, localId } = await journalFromKilledProcess();
    const server = await restart(dir, port);
    const next = await createCairn({ trackingUri: server.url, journalDir, exitHooks: false, ...fastRetries });
    expect(await next.waitForDelivery(30_000)).toBe(true);
    await next.close();
    await expectReplayed(server, localId, journalDir);
    await server.close();
  });

  it("cairn sync pushes a dead process's journal by hand", async () => {
    const { dir, port, journalDir, localId } = await journalFromKilledProcess();
    const server = await restart(dir, port);
    const bin = fileURLToPath(new URL("../../cli/bin/cairn.js", import.meta.url));
    const sync = spawn(process.execPath, [bin, "sync", "--journal-dir", journalDir], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    sync.stdout.on("data", (data: Buffer) => {
      out += data.toString();
    });
    const code = await new Promise((resolve) => sync.once("exit", resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/: \d+ entries in 1 segment\(s\) delivered/);
    await expectReplayed(server, localId, journalDir);
    await server.close();
  });
});

/**
 * A child process starts a run while the server is down, logs 500 steps, ends the run (all of
 * it journalled), and is killed with SIGKILL. Returns where its journal and database are.
 */
async function journalFromKilledProcess(): Promise<{ dir: string; port: number; journalDir: string; localId: string }> {
  const dir = tempDir("cairn-orphan-");
  const server = await startTestServer({ databaseFile: path.join(dir, "cairn.db"), artifactsDestination: path.join(dir, "artifacts") });
  const port = Number(new URL(server.url).port);
  await server.close();
  const journalDir = path.join(dir, "journal");
  const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
  const script = `
    import { createCairn } from ${JSON.stringify(entry)};
    const cairn = await createCairn({ trackingUri: ${JSON.stringify(server.url)}, journalDir: ${JSON.stringify(journalDir)},
      exitHooks: false, flushIntervalMs: 10, http: { retry: { maxRetries: 0 }, timeoutMs: 1000 }, probeIntervalMs: 60000 });
    const run = await cairn.startRun({ experiment: "orphaned", name: "from-dead-process" });
    for (let step = 0; step < 500; step++) run.logMetrics({ loss: step }, { step });
    run.setTag("state", "journalled");
    await run.end();
    process.stdout.write(JSON.stringify({ localId: run.localId }) + "\\n");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (data: Buffer) => resolve(data.toString()));
    child.once("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
  const { localId } = JSON.parse(line) as { localId: string };
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  expect(fs.readdirSync(journalDir).filter((name) => name.endsWith(".journal"))).toHaveLength(1);
  return { dir, port, journalDir, localId };
}

async function expectReplayed(server: TestServer, localId: string, journalDir: string): Promise<void> {
  const experiment = await server.client.getExperimentByName({ experiment_name: "orphaned" });
  const found = await server.client.searchRuns({
    experiment_ids: [experiment.experiment.experiment_id],
    filter: `tags.\`cairn.localRunId\` = '${localId}'`,
    max_results: 10,
  });
  expect(found.runs).toHaveLength(1);
  const replayed = found.runs[0]!;
  expect(replayed.info.run_name).toBe("from-dead-process");
  expect(replayed.info.status).toBe("FINISHED");
  expect(replayed.data.tags.find((tag) => tag.key === "state")?.value).toBe("journalled");
  expect((await server.client.getMetricHistory({ run_id: replayed.info.run_id, metric_key: "loss" })).metrics).toHaveLength(500);
  expect(fs.readdirSync(journalDir).filter((name) => name.includes(".journal"))).toEqual([]);
}
