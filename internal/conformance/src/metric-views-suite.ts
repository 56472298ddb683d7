import type { Metric, MetricSeries, TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

type Point = Pick<Metric, "step" | "value" | "timestamp">;

/** Logs points in batches of at most 1000 (MLflow's limit), in the order given. */
async function logPoints(store: TrackingStore, runId: string, key: string, points: Point[]): Promise<void> {
  for (let index = 0; index < points.length; index += 1000) {
    await store.logBatch(runId, { metrics: points.slice(index, index + 1000).map((point) => ({ key, ...point })) });
  }
}

/** A wavy series with one spike, the shape a chart must never lose. */
function wave(count: number, spikeAt: number): Point[] {
  return Array.from({ length: count }, (_, step) => ({
    step,
    timestamp: 1_700_000_000_000 + step,
    value: step === spikeAt ? 100 : Math.sin(step / 50),
  }));
}

/** Checks what any M4 result must satisfy, whatever the bucket boundaries. */
function expectM4(series: MetricSeries, points: Point[], buckets: number, window: [number, number]): void {
  const inWindow = points.filter((point) => point.step >= window[0] && point.step <= window[1]);
  const byStep = new Map(points.map((point) => [point.step, point]));
  // Every returned point is a real one, in step order.
  series.steps.forEach((step, index) => {
    expect(byStep.get(step)?.value).toBe(series.values[index]);
    expect(byStep.get(step)?.timestamp).toBe(series.timestamps[index]);
    if (index > 0) expect(step).toBeGreaterThan(series.steps[index - 1] as number);
  });
  expect(series.steps.length).toBeLessThanOrEqual(4 * buckets);
  // The window's first and last points and its extremes are all kept.
  const values = inWindow.map((point) => point.value);
  expect(series.steps).toContain(inWindow[0]?.step);
  expect(series.steps).toContain(inWindow.at(-1)?.step);
  expect(Math.max(...series.values)).toBe(Math.max(...values));
  expect(Math.min(...series.values)).toBe(Math.min(...values));
}

/** Cairn's chart reads: M4 downsampling over the bucket levels, and metric summaries. */
export function metricViewTests(store: () => TrackingStore): void {
  const newRun = async () => {
    const experimentId = await store().createExperiment({ name: uniqueName("views") });
    return (await store().createRun({ experimentId })).info.run_id;
  };
  const downsample = (input: Parameters<NonNullable<TrackingStore["getDownsampledMetric"]>>[0]) => {
    const method = store().getDownsampledMetric;
    if (!method) throw new Error("the store has no getDownsampledMetric");
    return method.call(store(), input);
  };

  it("keeps the first, last, lowest and highest point of each bucket, on every bucket level", async () => {
    const id = await newRun();
    const points = wave(20_000, 12_345);
    await logPoints(store(), id, "loss", points);
    // 50 buckets: 400 steps each, read from the 256-step level; 400: the 16-step level; 5000: the points.
    for (const buckets of [50, 400, 5000]) {
      const [series] = await downsample({ runIds: [id], key: "loss", buckets });
      expect(series?.run_id).toBe(id);
      expect(series?.min_step).toBe(0);
      expect(series?.max_step).toBe(19_999);
      expectM4(series as MetricSeries, points, buckets, [0, 19_999]);
      expect(series?.steps).toContain(12_345);
      expect(series?.steps.length).toBeGreaterThan(buckets);
    }
    const [zoomed] = await downsample({ runIds: [id], key: "loss", buckets: 100, startStep: 12_000, endStep: 13_000 });
    expectM4(zoomed as MetricSeries, points, 100, [12_000, 13_000]);
    expect(zoomed?.min_step).toBe(0);
  });

  it("gives the same series however the points were batched, and ignores NaN for extremes", async () => {
    const points = wave(3000, 1500);
    points[0] = { ...points[0], value: Number.NaN } as Point;
    const once = await newRun();
    await logPoints(store(), once, "m", points);
    const shuffled = await newRun();
    // Reverse order, in uneven chunks, and a retried (duplicate) chunk.
    const reversed = [...points].reverse();
    for (let index = 0; index < reversed.length; index += 700) {
      await store().logBatch(shuffled, { metrics: reversed.slice(index, index + 700).map((point) => ({ key: "m", ...point })) });
    }
    await store().logBatch(shuffled, { metrics: reversed.slice(0, 700).map((point) => ({ key: "m", ...point })) });
    const [a, b] = await downsample({ runIds: [once, shuffled], key: "m", buckets: 60 });
    expect(a?.run_id).toBe(once);
    expect(b?.run_id).toBe(shuffled);
    expect(b?.steps).toEqual(a?.steps);
    expect(b?.values).toEqual(a?.values);
    expect(a?.steps[0]).toBe(0);
    expect(a?.values[0]).toBeNaN();
    expect(Math.max(...(a?.values.filter((value) => !Number.isNaN(value)) ?? []))).toBe(100);
  });

  it("downsamples steps across the whole safe integer range", async () => {
    // Found by the server's hostile-input fuzz: a span past 2^53 made the bucket width unsafe.
    const id = await newRun();
    const edge = Number.MAX_SAFE_INTEGER;
    const points = [-edge, -1, 0, 1, edge].map((step, index) => ({ step, timestamp: index, value: index }));
    await logPoints(store(), id, "wide", points);
    for (const buckets of [1, 3, 1000]) {
      const [series] = await downsample({ runIds: [id], key: "wide", buckets });
      expect(series?.min_step).toBe(-edge);
      expect(series?.max_step).toBe(edge);
      expect(series?.steps).toContain(-edge);
      expect(series?.steps).toContain(edge);
      expect(Math.max(...(series?.values ?? []))).toBe(4);
    }
  });

  it("answers an absent key with an empty series and an unknown run with RESOURCE_DOES_NOT_EXIST", async () => {
    const id = await newRun();
    const [empty] = await downsample({ runIds: [id], key: "absent", buckets: 10 });
    expect(empty).toMatchObject({ run_id: id, key: "absent", steps: [], values: [] });
    expect(empty?.min_step).toBeUndefined();
    await expectError(downsample({ runIds: ["0123456789abcdef0123456789abcdef"], key: "m", buckets: 10 }), "RESOURCE_DOES_NOT_EXIST");
    await expectError(downsample({ runIds: [id], key: "m", buckets: 0 }), "INVALID_PARAMETER_VALUE");
    await expectError(downsample({ runIds: [], key: "m", buckets: 10 }), "INVALID_PARAMETER_VALUE");
  });

  it("summarises each metric's latest, lowest and highest value", async () => {
    const id = await newRun();
    await store().logBatch(id, {
      metrics: [
        { key: "acc", value: 0.5, timestamp: 1, step: 0 },
        { key: "acc", value: 0.9, timestamp: 2, step: 1 },
        { key: "acc", value: 0.7, timestamp: 3, step: 2 },
        { key: "nan", value: Number.NaN, timestamp: 1, step: 0 },
      ],
    });
    await store().logBatch(id, { metrics: [{ key: "acc", value: 0.1, timestamp: 0, step: -1 }] });
    const method = store().getMetricSummaries;
    if (!method) throw new Error("the store has no getMetricSummaries");
    const summaries = await method.call(store(), [id, "0123456789abcdef0123456789abcdef"]);
    expect(summaries.find((summary) => summary.key === "acc")).toEqual({
      run_id: id,
      key: "acc",
      value: 0.7,
      step: 2,
      timestamp: 3,
      min_value: 0.1,
      max_value: 0.9,
    });
    const nan = summaries.find((summary) => summary.key === "nan");
    expect(nan?.value).toBeNaN();
    expect(nan?.min_value).toBeUndefined();
  });
}
