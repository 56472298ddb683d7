import type { TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

/** Metric histories: MLflow's order, paging, and bulk-interval downsampling. */
export function historyTests(store: () => TrackingStore): void {
  const newRun = async () => {
    const experimentId = await store().createExperiment({ name: uniqueName("hist") });
    return (await store().createRun({ experimentId })).info.run_id;
  };

  it("returns a history ordered by timestamp, step and value, paged by token", async () => {
    const id = await newRun();
    await store().logBatch(id, {
      metrics: [
        { key: "m", value: 3, timestamp: 30, step: 1 },
        { key: "m", value: 1, timestamp: 10, step: 5 },
        { key: "m", value: 2, timestamp: 20, step: 0 },
        { key: "other", value: 9, timestamp: 1, step: 0 },
      ],
    });
    const all = await store().getMetricHistory(id, "m", {});
    expect(all.items.map((m) => m.value)).toEqual([1, 2, 3]);
    expect(all.next_page_token).toBeUndefined();
    const first = await store().getMetricHistory(id, "m", { maxResults: 2 });
    expect(first.items.map((m) => m.value)).toEqual([1, 2]);
    const second = await store().getMetricHistory(id, "m", { maxResults: 2, pageToken: first.next_page_token as string });
    expect(second.items.map((m) => m.value)).toEqual([3]);
    expect(second.next_page_token).toBeUndefined();
    expect(await store().getMetricHistory(id, "absent", {})).toEqual({ items: [] });
    expect((await store().getMetricHistory("0123456789abcdef0123456789abcdef", "m", {})).items).toEqual([]);
  });

  it("pages a history with ties, NaN and points logged between pages, each point once", async () => {
    const id = await newRun();
    // Ties on timestamp and step, told apart by value; a NaN beside a stored 0 at the same place.
    await store().logBatch(id, {
      metrics: [
        { key: "m", value: 2, timestamp: 10, step: 1 },
        { key: "m", value: 1, timestamp: 10, step: 1 },
        { key: "m", value: Number.NaN, timestamp: 10, step: 2 },
        { key: "m", value: 0, timestamp: 10, step: 2 },
        { key: "m", value: 5, timestamp: 20, step: 0 },
        { key: "m", value: -1, timestamp: 30, step: 3 },
      ],
    });
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store().getMetricHistory(id, "m", { maxResults: 2, ...(token ? { pageToken: token } : {}) });
      seen.push(...page.items.map((m) => m.value));
      token = page.next_page_token;
      // A point logged before the cursor while paging does not push another into a second page.
      if (pages === 0) await store().logBatch(id, { metrics: [{ key: "m", value: 7, timestamp: 1, step: 0 }] });
      pages += 1;
    } while (token);
    expect(seen).toEqual([1, 2, 0, Number.NaN, 5, -1]);
    // MLflow's own tokens carry only the offset, and still page.
    const mlflowToken = Buffer.from(JSON.stringify({ offset: 5 })).toString("base64");
    const rest = await store().getMetricHistory(id, "m", { maxResults: 10, pageToken: mlflowToken });
    expect(rest.items.map((m) => m.value)).toEqual([5, -1]);
    await expectError(
      store().getMetricHistory(id, "m", { maxResults: 2, pageToken: Buffer.from('{"offset":2,"after":[1,"x"]}').toString("base64") }),
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("downsamples bulk-interval histories keeping the first and last step of each run", async () => {
    const a = await newRun();
    const b = await newRun();
    const points = (n: number) => Array.from({ length: n }, (_, step) => ({ key: "loss", value: step / 10, timestamp: step, step }));
    await store().logBatch(a, { metrics: points(1000) });
    await store().logBatch(b, { metrics: points(50) });
    const metrics = await store().getMetricHistoryBulkInterval({ runIds: [a, b], metricKey: "loss", maxResults: 10 });
    const ofA = metrics.filter((m) => m.run_id === a).map((m) => m.step);
    const ofB = metrics.filter((m) => m.run_id === b).map((m) => m.step);
    expect(ofA).toHaveLength(10);
    expect(ofA[0]).toBe(0);
    expect(ofA.at(-1)).toBe(999);
    expect(ofB).toHaveLength(10);
    expect(ofB.at(-1)).toBe(49);
    const window = await store().getMetricHistoryBulkInterval({
      runIds: [a],
      metricKey: "loss",
      maxResults: 5,
      startStep: 100,
      endStep: 200,
    });
    expect(window.map((m) => m.step)).toEqual([100, 125, 150, 175, 200]);
    await expectError(store().getMetricHistoryBulkInterval({ runIds: [a], metricKey: "loss", maxResults: 0 }), "INVALID_PARAMETER_VALUE");
  });
}
