// (c) Outage: a run logs RATE steps/s (default 200) of 10 metrics for UP s (default 10), the
// server is stopped for DOWN s (default 30) while logging continues, then a new server starts
// on the same port and database and logging goes on for UP s more. Then it checks that every
// point is on the server exactly once.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCairn } from "@cairn/client";
import { freePort } from "./lib.mjs";

const RATE = Number(process.env.RATE ?? 200);
const UP = Number(process.env.UP ?? 10);
const DOWN = Number(process.env.DOWN ?? 30);
const BIN = fileURLToPath(new URL("../packages/cli/bin/cairn.js", import.meta.url));

async function serve(dir, port) {
  const child = spawn(
    process.execPath,
    [
      BIN,
      "server",
      "--port",
      String(port),
      "--backend-store-uri",
      `sqlite:///${path.join(dir, "cairn.db")}`,
      "--artifacts-destination",
      path.join(dir, "art"),
    ],
    { stdio: "ignore" },
  );
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-outage-bench-"));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
let stop = await serve(dir, port);
const cairn = await createCairn({ trackingUri: url, journalDir: path.join(dir, "journal"), exitHooks: false });
const run = await cairn.startRun({ experiment: "outage-bench" });
let step = 0;
async function logFor(seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const tick = Date.now();
    for (let i = 0; i < RATE / 10; i += 1) {
      const values = {};
      for (let k = 0; k < 10; k += 1) values[`m${k}`] = step * 10 + k;
      run.logMetrics(values, { step });
      step += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tick))));
  }
}
console.log(`logging ${RATE} steps/s x 10 metrics; up ${UP} s, down ${DOWN} s, up ${UP} s`);
await logFor(UP);
await stop();
console.log(`server stopped at step ${step}`);
await logFor(DOWN);
console.log(`server restarted at step ${step} (offline: ${cairn.pipeline.offline})`);
stop = await serve(dir, port);
await logFor(UP);
const started = performance.now();
await run.end();
const delivered = await cairn.waitForDelivery(120_000);
console.log(`delivered: ${delivered}; drained ${((performance.now() - started) / 1000).toFixed(1)} s after the last point`);
await cairn.close();

let missing = 0;
let duplicated = 0;
for (let k = 0; k < 10; k += 1) {
  const response = await fetch(`${url}/api/2.0/mlflow/metrics/get-history?run_id=${run.id}&metric_key=m${k}`);
  const { metrics = [] } = await response.json();
  const counts = new Map();
  for (const metric of metrics) counts.set(metric.step, (counts.get(metric.step) ?? 0) + 1);
  for (let s = 0; s < step; s += 1) {
    const count = counts.get(s) ?? 0;
    if (count === 0) missing += 1;
    if (count > 1) duplicated += count - 1;
  }
}
console.log(`(c) ${step * 10} points logged across a ${DOWN} s outage: ${missing} missing, ${duplicated} duplicated`);
await stop();
fs.rmSync(dir, { recursive: true, force: true });
if (missing || duplicated) process.exitCode = 1;
