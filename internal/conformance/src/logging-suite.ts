import type { Metric, TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

/** Logging semantics: params write-once, duplicate metrics ignored, latest values, atomic batches. */
export function loggingTests(store: () => TrackingStore): void {
  const newRun = async () => {
    const experimentId = await store().createExperiment({ name: uniqueName("log") });
    return (await store().createRun({ experimentId })).info.run_id;
  };

  it("logs params once; the same value again is a no-op, another value is refused", async () => {
    const id = await newRun();
    await store().logBatch(id, {
      params: [
        { key: "lr", value: "0.01" },
        { key: "empty", value: "" },
      ],
    });
    await store().logBatch(id, { params: [{ key: "lr", value: "0.01" }] });
    await expectError(
      store().logBatch(id, { params: [{ key: "lr", value: "0.1" }] }),
      "INVALID_PARAMETER_VALUE",
      "Changing param values is not allowed",
    );
    expect((await store().getRun(id)).data.params).toEqual([
      { key: "empty", value: "" },
      { key: "lr", value: "0.01" },
    ]);
  });

  it("writes nothing of a batch that is refused", async () => {
    const id = await newRun();
    await store().logBatch(id, { params: [{ key: "p", value: "1" }] });
    await expectError(
      store().logBatch(id, {
        metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }],
        params: [
          { key: "q", value: "x" },
          { key: "p", value: "2" },
        ],
        tags: [{ key: "t", value: "v" }],
      }),
      "INVALID_PARAMETER_VALUE",
    );
    const run = await store().getRun(id);
    expect(run.data.metrics).toEqual([]);
    expect(run.data.params).toEqual([{ key: "p", value: "1" }]);
    expect(run.data.tags.find((tag) => tag.key === "t")).toBeUndefined();
  });

  it("ignores exact duplicate metrics and keeps the latest value by step, then timestamp", async () => {
    const id = await newRun();
    const points: Metric[] = [
      { key: "loss", value: 0.9, timestamp: 100, step: 0 },
      { key: "loss", value: 0.5, timestamp: 101, step: 2 },
      { key: "loss", value: 0.7, timestamp: 300, step: 1 },
    ];
    await store().logBatch(id, { metrics: points });
    await store().logBatch(id, { metrics: points });
    const history = await store().getMetricHistory(id, "loss", {});
    expect(history.items).toHaveLength(3);
    expect((await store().getRun(id)).data.metrics).toEqual([{ key: "loss", value: 0.5, timestamp: 101, step: 2 }]);
    await store().logBatch(id, { metrics: [{ key: "loss", value: 0.4, timestamp: 50, step: 2 }] });
    expect((await store().getRun(id)).data.metrics[0]?.value).toBe(0.5);
    await store().logBatch(id, { metrics: [{ key: "loss", value: 0.3, timestamp: 500, step: 2 }] });
    expect((await store().getRun(id)).data.metrics[0]?.value).toBe(0.3);
  });

  it("round-trips NaN and infinities", async () => {
    const id = await newRun();
    await store().logBatch(id, {
      metrics: [
        { key: "nan", value: Number.NaN, timestamp: 1, step: 0 },
        { key: "inf", value: Number.POSITIVE_INFINITY, timestamp: 1, step: 0 },
        { key: "ninf", value: Number.NEGATIVE_INFINITY, timestamp: 1, step: 0 },
      ],
    });
    const latest = Object.fromEntries((await store().getRun(id)).data.metrics.map((m) => [m.key, m.value]));
    expect(latest["nan"]).toBeNaN();
    expect(latest["inf"]).toBe(Number.POSITIVE_INFINITY);
    expect(latest["ninf"]).toBe(Number.NEGATIVE_INFINITY);
  });

  it("keeps every write of concurrent batches", async () => {
    const id = await newRun();
    await Promise.all(
      Array.from({ length: 40 }, (_, batch) =>
        store().logBatch(id, {
          metrics: Array.from({ length: 25 }, (_, i) => ({
            key: "acc",
            value: batch * 25 + i,
            timestamp: 1000 + batch,
            step: batch * 25 + i,
          })),
        }),
      ),
    );
    const history = await store().getMetricHistory(id, "acc", {});
    expect(history.items).toHaveLength(1000);
    expect((await store().getRun(id)).data.metrics[0]).toMatchObject({ key: "acc", value: 999, step: 999 });
  });

  it("one refused batch among concurrent ones leaves the others written", async () => {
    const id = await newRun();
    await store().logBatch(id, { params: [{ key: "fixed", value: "1" }] });
    const results = await Promise.allSettled([
      store().logBatch(id, { metrics: [{ key: "a", value: 1, timestamp: 1, step: 0 }] }),
      store().logBatch(id, { params: [{ key: "fixed", value: "2" }], metrics: [{ key: "b", value: 1, timestamp: 1, step: 0 }] }),
      store().logBatch(id, { metrics: [{ key: "c", value: 1, timestamp: 1, step: 0 }] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await store().getRun(id)).data.metrics.map((m) => m.key)).toEqual(["a", "c"]);
  });
}
