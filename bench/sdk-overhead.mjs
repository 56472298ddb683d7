// (a) SDK overhead: a training loop of STEPS steps (default 100 000) that logs 10 metrics per
// step, tracked to a local Cairn server, against the very same loop with no tracking. Each step
// does a fixed amount of arithmetic (WORK, default 20 000 multiply-adds) standing in for a
// training step, builds the step's 10 values, hands them to `log` and yields to the event loop
// once (setImmediate), as an async training loop does (TF.js's fit awaits every batch). The
// untracked loop's `log` is a no-op returning a resolved promise; both loops check the same
// backlog bound. The tracked time includes run.end(), i.e. until every point was delivered.
// Target: under 2% added wall time.
//
// The rounds alternate untracked/tracked (ROUNDS, default 3) and the medians are reported,
// with the load average seen and CPU seconds: the training process's main thread, the rest of
// it (the SDK's sender thread, GC helpers) and the server's (from /proc), so the reader can
// tell the SDK's own cost from the server competing for the same cores.
// Options: SERVER=ack (a bench-only server that acknowledges without storing, see
// ack-server.mjs), SERVER_NICE=10, SERVER_CPUS=1 (taskset list), SENDER_THREAD=0.
import os from "node:os";
import { createCairn } from "@cairn/client";
import { cpuSeconds, loadAverage, median, report, startCairn } from "./lib.mjs";

const STEPS = Number(process.env.STEPS ?? 100_000);
const WORK = Number(process.env.WORK ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const KEYS = Array.from({ length: 10 }, (_, i) => `metric_${i}`);
const BACKLOG = 100_000;

let sink = 0;
function trainingStep(step) {
  let acc = step;
  for (let i = 0; i < WORK; i += 1) acc = (acc * 1.000001 + i) % 1e9;
  sink += acc;
  return acc;
}

function values(step, acc) {
  const out = {};
  for (let k = 0; k < KEYS.length; k += 1) out[KEYS[k]] = (acc + k) / (step + 1);
  return out;
}

const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

/** The one training loop both variants run. */
async function trainingLoop(log, backlog) {
  for (let step = 0; step < STEPS; step += 1) {
    const ready = log(values(step, trainingStep(step)), step);
    // Backpressure: only waits when the queue is full (a slow server).
    if (backlog() > BACKLOG) await ready;
    await yieldToLoop();
  }
}

/** Wall ms and CPU seconds of the main thread, of the whole process and of the server. */
async function measured(serverPid, body) {
  const cpu0 = process.cpuUsage();
  const main0 = cpuSeconds(process.pid, process.pid);
  const server0 = cpuSeconds(serverPid);
  const started = performance.now();
  await body();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const main = cpuSeconds(process.pid, process.pid) - main0;
  return { wall, main, process: (cpu.user + cpu.system) / 1e6, server: cpuSeconds(serverPid) - server0 };
}

const DONE = Promise.resolve();

async function untracked(server) {
  return measured(server.pid, () =>
    trainingLoop(
      () => DONE,
      () => 0,
    ),
  );
}

async function tracked(server) {
  const cairn = await createCairn({
    trackingUri: server.url,
    journalDir: false,
    exitHooks: false,
    senderThread: process.env.SENDER_THREAD !== "0",
  });
  const run = await cairn.startRun({ experiment: "sdk-overhead" });
  const result = await measured(server.pid, async () => {
    await trainingLoop(
      (metrics, step) => run.logMetrics(metrics, { step }),
      () => cairn.pipeline.queuedItems,
    );
    await run.end();
  });
  await cairn.close();
  return result;
}

const seconds = (values) => median(values) / 1000;

export async function benchSdkOverhead(server) {
  console.log(`(a) workload: ${STEPS} steps x 10 metrics, ${WORK} multiply-adds and one setImmediate per step, ${ROUNDS} rounds`);
  console.log(`(a) load average before: ${loadAverage()}`);
  const base = [];
  const withTracking = [];
  // Alternate to spread the machine's noise over both.
  for (let round = 0; round < ROUNDS; round += 1) {
    base.push(await untracked(server));
    withTracking.push(await tracked(server));
    const [b, t] = [base[round], withTracking[round]];
    console.log(
      `    round ${round + 1}: untracked ${(b.wall / 1000).toFixed(2)} s, tracked ${(t.wall / 1000).toFixed(2)} s ` +
        `(${(((t.wall - b.wall) / b.wall) * 100).toFixed(1)}%); load ${loadAverage()}`,
    );
  }
  const b = seconds(base.map((item) => item.wall));
  const t = seconds(withTracking.map((item) => item.wall));
  const pick = (list, field) => median(list.map((item) => item[field]));
  report(`(a) no tracking (median of ${ROUNDS})`, b, "s");
  report(`(a) tracked to a ${server.label ?? "local server"} (median of ${ROUNDS})`, t, "s");
  report("(a) added wall time (medians)", ((t - b) / b) * 100, "%");
  report(
    "(a) added wall time (per round, median)",
    median(base.map((item, i) => (withTracking[i].wall - item.wall) / item.wall)) * 100,
    "%",
  );
  report("(a) main thread CPU, untracked", pick(base, "main"), "s");
  report("(a) main thread CPU, tracked", pick(withTracking, "main"), "s");
  report("(a) other client threads' CPU, tracked", pick(withTracking, "process") - pick(withTracking, "main"), "s");
  report("(a) other client threads' CPU, untracked", pick(base, "process") - pick(base, "main"), "s");
  report("(a) server CPU during a tracked run", pick(withTracking, "server"), "s");
  report("(a) server CPU during an untracked run", pick(base, "server"), "s");
  console.log(`(a) load average after: ${loadAverage()}`);
  return { base: b * 1000, tracked: t * 1000 };
}

export function serverOptions() {
  const nice = process.env.SERVER_NICE;
  return { ack: process.env.SERVER === "ack", nice: nice === undefined ? undefined : Number(nice), cpus: process.env.SERVER_CPUS };
}

export function serverLabel(options) {
  const parts = [options.ack ? "bench-only ack server (stores nothing)" : "local server (SQLite)"];
  if (options.nice !== undefined) parts.push(`nice ${options.nice}`);
  if (options.cpus !== undefined) parts.push(`cpus ${options.cpus}`);
  return parts.join(", ");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = serverOptions();
  console.log(`SDK overhead on ${os.cpus().length} cores, Node ${process.version}, ${serverLabel(options)}\n`);
  const server = await startCairn([], options);
  server.label = options.ack ? "bench-only ack server" : "local server";
  try {
    await benchSdkOverhead(server);
  } finally {
    await server.stop();
  }
  if (sink === 42) console.log(sink); // keep the arithmetic observable
}
