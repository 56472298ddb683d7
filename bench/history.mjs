// (c) get-history of one metric with 100,000 steps, read whole in one call (and the way the
// Python client pages it, 25,000 per page). MLflow 2.17.0 reference: 5.0 s.
import { createRun, get, median, post, report, rssMb, startCairn } from "./lib.mjs";

const STEPS = 100_000;

export async function benchHistory(server) {
  const runId = await createRun(server.url);
  for (let start = 0; start < STEPS; start += 1000) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({
      key: "loss",
      value: Math.random(),
      timestamp: 1_700_000_000_000 + start + i,
      step: start + i,
    }));
    await post(server.url, "/runs/log-batch", { run_id: runId, metrics });
  }
  const whole = [];
  const paged = [];
  for (let i = 0; i < 10; i++) {
    let started = performance.now();
    const all = await get(server.url, `/metrics/get-history?run_id=${runId}&metric_key=loss`);
    whole.push(performance.now() - started);
    if (all.metrics.length !== STEPS) throw new Error(`expected ${STEPS} points, got ${all.metrics.length}`);
    started = performance.now();
    let token;
    let total = 0;
    do {
      const page = await get(
        server.url,
        `/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=25000${token ? `&page_token=${encodeURIComponent(token)}` : ""}`,
      );
      total += page.metrics.length;
      token = page.next_page_token;
    } while (token);
    paged.push(performance.now() - started);
    if (total !== STEPS) throw new Error(`paged read got ${total}`);
  }
  report("100k-point history, one call, p50", median(whole), "ms", { value: 5000, ratio: (v) => `${(5000 / v).toFixed(0)}x faster` });
  report("100k-point history, 4 pages of 25k, p50", median(paged), "ms");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startCairn();
  try {
    await benchHistory(server);
    report("server RSS after history load", rssMb(server.pid), "MB");
  } finally {
    await server.stop();
  }
}
