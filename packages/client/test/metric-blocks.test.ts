import { startTestServer, type TestServer } from "@cairn/client/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Metric points travel as columnar blocks, sent several at once, from a worker thread or the
// main one. Against a real server: every point arrives once with its exact value, special
// numbers included, and params and tags logged between points keep their order.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe.each([
  { sender: "worker thread", senderThread: true },
  { sender: "main thread", senderThread: false },
])("metric blocks from the $sender", ({ senderThread }) => {
  it("delivers 2 runs x 3 keys x 2500 steps exactly, beside tags and params in order", async () => {
    const cairn = await server.createCairn({ experiment: "blocks", senderThread, maxInFlight: 3 });
    const runs = [await cairn.startRun(), await cairn.startRun()];
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (let step = 0; step < 2500; step += 1) {
      for (const [index, run] of runs.entries()) {
        run.logMetrics({ loss: 1 / (step + 1), acc: step * (index + 1), odd: special[step % 3] ?? 0 }, { step, timestamp: 1_000 + step });
        if (step % 500 === 0) run.setTag("phase", `p${step}`);
      }
    }
    runs[0]?.logParams({ lr: 0.1 });
    runs[0]?.logMetric("late", 42, { step: 7 });
    for (const run of runs) await run.end();
    await cairn.close();

    for (const [index, run] of runs.entries()) {
      const { client } = server;
      const acc = (await client.getMetricHistory({ run_id: run.id, metric_key: "acc", max_results: 10_000 })).metrics;
      expect(acc).toHaveLength(2500);
      expect(acc.map((metric) => metric.value).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 2500 }, (_, step) => step * (index + 1)),
      );
      const odd = (await client.getMetricHistory({ run_id: run.id, metric_key: "odd", max_results: 10_000 })).metrics;
      expect(odd.filter((metric) => Number.isNaN(metric.value))).toHaveLength(834);
      expect(odd.find((metric) => metric.step === 1)?.value).toBe(Number.POSITIVE_INFINITY);
      expect(odd.find((metric) => metric.step === 2)).toMatchObject({ value: Number.NEGATIVE_INFINITY, timestamp: 1_002 });
      const stored = (await client.getRun({ run_id: run.id })).run;
      expect(stored.data.tags.find((tag) => tag.key === "phase")?.value).toBe("p2000");
      expect(stored.info.status).toBe("FINISHED");
    }
    const first = (await server.client.getRun({ run_id: runs[0]?.id ?? "" })).run;
    expect(first.data.params).toEqual([{ key: "lr", value: "0.1" }]);
    expect(first.data.metrics.find((metric) => metric.key === "late")).toMatchObject({ value: 42, step: 7 });
  });
});
