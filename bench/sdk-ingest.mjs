// (b) SDK → server ingest: one run logs STEPS x 10 points (default 1 000 000) as fast as the SDK
// takes them, awaiting each call's promise (it only waits when the queue is full), until
// run.end() confirms delivery. Prints points/s end to end (median of ROUNDS, default 3), the
// load average, and the CPU seconds of the client process and of the server (from /proc):
// client and server share the machine's cores. SERVER=ack, SERVER_NICE, SERVER_CPUS and
// SENDER_THREAD=0 as in sdk-overhead.mjs.
import os from "node:os";
import { createCairn } from "@cairn/client";
import { cpuSeconds, loadAverage, median, report, startCairn } from "./lib.mjs";
import { serverLabel, serverOptions } from "./sdk-overhead.mjs";

const STEPS = Number(process.env.STEPS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

async function once(server) {
  const cairn = await createCairn({
    trackingUri: server.url,
    journalDir: false,
    exitHooks: false,
    senderThread: process.env.SENDER_THREAD !== "0",
  });
  const run = await cairn.startRun({ experiment: "sdk-ingest" });
  const cpu0 = process.cpuUsage();
  const server0 = cpuSeconds(server.pid);
  const started = performance.now();
  for (let step = 0; step < STEPS; step += 1) {
    await run.logMetrics(
      {
        m0: step,
        m1: step + 1,
        m2: step + 2,
        m3: step + 3,
        m4: step + 4,
        m5: step + 5,
        m6: step + 6,
        m7: step + 7,
        m8: step + 8,
        m9: step + 9,
      },
      { step },
    );
  }
  await run.end();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverCpu = cpuSeconds(server.pid) - server0;
  await cairn.close();
  return { rate: (STEPS * 10) / seconds, client: (cpu.user + cpu.system) / 1e6, server: serverCpu };
}

export async function benchSdkIngest(server) {
  console.log(`(b) workload: ${STEPS} steps x 10 metrics into one run per round, ${ROUNDS} rounds; load average ${loadAverage()}`);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const result = await once(server);
    rounds.push(result);
    console.log(
      `    round ${round + 1}: ${result.rate.toFixed(0)} points/s, client CPU ${result.client.toFixed(2)} s, ` +
        `server CPU ${result.server.toFixed(2)} s; load ${loadAverage()}`,
    );
  }
  const rate = median(rounds.map((item) => item.rate));
  report(`(b) SDK ingest, ${STEPS * 10} points (median)`, rate, "points/s");
  report("(b) client CPU per round (median)", median(rounds.map((item) => item.client)), "s");
  report("(b) server CPU per round (median)", median(rounds.map((item) => item.server)), "s");
  return rate;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = serverOptions();
  console.log(`SDK ingest on ${os.cpus().length} cores, Node ${process.version}, ${serverLabel(options)}\n`);
  const server = await startCairn([], options);
  try {
    await benchSdkIngest(server);
  } finally {
    await server.stop();
  }
}
