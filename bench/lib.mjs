// Shared helpers for the benchmarks: start the built `cairn` binary on a fresh SQLite file,
// talk to it over HTTP, and read its resident memory from /proc.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../packages/cli/bin/cairn.js", import.meta.url));
const ACK_SERVER = fileURLToPath(new URL("./ack-server.mjs", import.meta.url));

export async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `cairn server` in a fresh folder; resolves when /health answers. `ack: true` starts the
 * bench-only acknowledging server instead (bench/ack-server.mjs: stores nothing). `nice` and
 * `cpus` (a taskset list, e.g. "1") lower or pin the server, to tell its competition for the
 * cores apart from the client's own cost.
 */
export async function startCairn(extraArgs = [], { ack = false, nice, cpus } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-"));
  const port = await freePort();
  const started = performance.now();
  let command = [process.execPath, ...(ack ? [ACK_SERVER, String(port)] : [BIN, "server", "--port", String(port), ...extraArgs])];
  if (nice !== undefined) command = ["nice", "-n", String(nice), ...command];
  if (cpus !== undefined) command = ["taskset", "-c", String(cpus), ...command];
  const child = spawn(command[0], command.slice(1), { cwd: dir, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {}
    if (performance.now() - started > 20_000) throw new Error("cairn did not start");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    startupMs,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.on("exit", resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function post(url, route, body) {
  return postRaw(url, route, JSON.stringify(body));
}

/** POSTs an already serialised JSON body. */
export async function postRaw(url, route, body) {
  const response = await fetch(`${url}/api/2.0/mlflow${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${route}: ${JSON.stringify(json)}`);
  return json;
}

export async function get(url, route) {
  const response = await fetch(`${url}/api/2.0/mlflow${route}`);
  const json = await response.json();
  if (!response.ok) throw new Error(`${route}: ${JSON.stringify(json)}`);
  return json;
}

export async function createRun(url, experimentId = "0") {
  return (await post(url, "/runs/create", { experiment_id: experimentId })).run.info.run_id;
}

let clockTicks;
/**
 * CPU seconds (user + system) a process, or one of its threads (`/proc/<pid>/task/<tid>`), has
 * used so far, from /proc: the benches report the server's share of the cores beside wall time.
 */
export function cpuSeconds(pid, tid) {
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  const stat = fs.readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, "utf8");
  // The command name may hold spaces: fields count from the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** The 1, 5 and 15 minute load averages, as printed by uptime. */
export function loadAverage() {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/** Resident set size of a process in MB. */
export function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // An even count has two middle values: their mean, not the upper one.
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export async function timeIt(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export function report(label, value, unit, reference) {
  const ref = reference ? `   (MLflow 2.17 reference: ${reference.value} ${unit}; ratio ${reference.ratio(value)})` : "";
  console.log(`${label.padEnd(48)} ${typeof value === "number" ? value.toFixed(value < 10 ? 2 : 0) : value} ${unit}${ref}`);
}

/**
 * This machine's speed right now: the best of 5 JSON.stringify runs over 100,000 metric
 * points (about 31 ms on a quiet 2-core machine of the reference kind). Shared virtual machines
 * slow down by half and more at times; printed beside the figures so they can be compared.
 */
export function speedProbe() {
  const points = Array.from({ length: 100_000 }, (_, i) => ({ key: "loss", value: Math.random(), timestamp: 1.7e12 + i, step: i }));
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    JSON.stringify({ metrics: points });
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
