// (a) Ingest: 100 log-batch calls of 1000 metrics into one run from one client, then four
// concurrent clients on four runs (100 calls each). Prints metrics/s and the ratio against
// MLflow 2.17.0's server measured on this machine class (6.3k/s and 8.4k/s). The request
// bodies are serialised before the clock starts: the figure is the server's, not the time
// this script spends making random numbers (client and server share the 2 cores).
import { createRun, postRaw, report, rssMb, startCairn } from "./lib.mjs";

const BATCHES = 100;
const PER_BATCH = 1000;

function batch(index) {
  const now = Date.now();
  return Array.from({ length: PER_BATCH }, (_, i) => ({
    key: `m${i % 10}`,
    value: Math.random(),
    timestamp: now,
    step: index * 100 + Math.floor(i / 10),
  }));
}

function bodies(runId) {
  return Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ run_id: runId, metrics: batch(b) }));
}

async function client(url, prepared) {
  for (const body of prepared) await postRaw(url, "/runs/log-batch", body);
}

export async function benchIngest(server) {
  const one = bodies(await createRun(server.url));
  let started = performance.now();
  await client(server.url, one);
  const single = (BATCHES * PER_BATCH) / ((performance.now() - started) / 1000);
  report("ingest, 1 client (metrics/s)", single, "metrics/s", { value: 6300, ratio: (v) => `${(v / 6300).toFixed(1)}x` });
  const runs = await Promise.all([0, 1, 2, 3].map(async () => bodies(await createRun(server.url))));
  started = performance.now();
  await Promise.all(runs.map((prepared) => client(server.url, prepared)));
  const four = (4 * BATCHES * PER_BATCH) / ((performance.now() - started) / 1000);
  report("ingest, 4 clients on 4 runs (metrics/s)", four, "metrics/s", { value: 8400, ratio: (v) => `${(v / 8400).toFixed(1)}x` });
  return { single, four };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startCairn();
  try {
    await benchIngest(server);
    report("server RSS after ingest", rssMb(server.pid), "MB");
  } finally {
    await server.stop();
  }
}
