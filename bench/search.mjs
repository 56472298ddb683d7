// (b) search-runs over one experiment of 10,000 runs (5 params, 5 metrics, 3 tags each):
// the filter `metrics.acc > 0.5 and params.lr = '0.01'` ordered by metrics.acc DESC with
// max_results 100, and a plain page of 1000. MLflow 2.17.0 reference: 1.18 s and ~1.0 s.
import { median, percentile, post, report, rssMb, startCairn } from "./lib.mjs";

const RUNS = 10_000;
const REPEATS = 30;

async function seed(url) {
  const { experiment_id } = await post(url, "/experiments/create", { name: `bench-search-${Date.now()}` });
  const lrs = ["0.01", "0.001", "0.1"];
  const workers = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < RUNS) {
        const i = next++;
        const { run } = await post(url, "/runs/create", { experiment_id, start_time: Date.now() });
        await post(url, "/runs/log-batch", {
          run_id: run.info.run_id,
          metrics: ["acc", "loss", "f1", "precision", "recall"].map((key) => ({
            key,
            value: Math.random(),
            timestamp: Date.now(),
            step: 0,
          })),
          params: [
            { key: "lr", value: lrs[i % 3] },
            { key: "batch_size", value: String(2 ** (i % 6)) },
            { key: "optimizer", value: i % 2 ? "adam" : "sgd" },
            { key: "layers", value: String(i % 8) },
            { key: "seed", value: String(i) },
          ],
          tags: [
            { key: "team", value: "vision" },
            { key: "model", value: i % 2 ? "cnn" : "mlp" },
            { key: "index", value: String(i) },
          ],
        });
      }
    }),
  );
  return experiment_id;
}

async function timed(fn) {
  const samples = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchSearch(server) {
  const seedStarted = performance.now();
  const experimentId = await seed(server.url);
  report("seed 10,000 runs over REST (s)", (performance.now() - seedStarted) / 1000, "s");
  let count = 0;
  const filtered = await timed(async () => {
    const page = await post(server.url, "/runs/search", {
      experiment_ids: [experimentId],
      filter: "metrics.acc > 0.5 and params.lr = '0.01'",
      order_by: ["metrics.acc DESC"],
      max_results: 100,
    });
    count = page.runs.length;
  });
  report(`filtered+ordered search, 100 of them, p50 (${count} rows)`, median(filtered), "ms", {
    value: 1180,
    ratio: (v) => `${(1180 / v).toFixed(0)}x faster`,
  });
  report("filtered+ordered search p90", percentile(filtered, 90), "ms");
  const plain = await timed(async () => {
    await post(server.url, "/runs/search", { experiment_ids: [experimentId], max_results: 1000 });
  });
  report("plain page of 1000 runs, p50", median(plain), "ms", { value: 1000, ratio: (v) => `${(1000 / v).toFixed(0)}x faster` });
  report("plain page of 1000 runs, p90", percentile(plain, 90), "ms");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startCairn();
  try {
    await benchSearch(server);
    report("server RSS after search load", rssMb(server.pid), "MB");
  } finally {
    await server.stop();
  }
}
