import { describe, expect, it } from "vitest";
import { LOG_BATCH_LIMITS, splitLogBatch } from "./split-log-batch.js";

const metric = (step: number) => ({ key: "loss", value: step, timestamp: 1, step });
const kv = (key: string, value = "v") => ({ key, value });

describe("splitLogBatch", () => {
  it("keeps a small batch whole", () => {
    expect(splitLogBatch({ metrics: [metric(0)], params: [kv("a")], tags: [kv("t")] })).toEqual([
      { metrics: [metric(0)], params: [kv("a")], tags: [kv("t")] },
    ]);
  });

  it("splits metrics at 1000 per call, in order", () => {
    const metrics = Array.from({ length: 2500 }, (_, step) => metric(step));
    const batches = splitLogBatch({ metrics });
    expect(batches.map((batch) => batch.metrics?.length)).toEqual([1000, 1000, 500]);
    expect(batches.flatMap((batch) => batch.metrics ?? [])).toEqual(metrics);
  });

  it("keeps params and tags at 100 per call and the total at 1000", () => {
    const params = Array.from({ length: 150 }, (_, index) => kv(`p${index}`));
    const tags = Array.from({ length: 250 }, (_, index) => kv(`t${index}`));
    const metrics = Array.from({ length: 1900 }, (_, step) => metric(step));
    const batches = splitLogBatch({ metrics, params, tags });
    for (const batch of batches) {
      expect(batch.params?.length ?? 0).toBeLessThanOrEqual(LOG_BATCH_LIMITS.params);
      expect(batch.tags?.length ?? 0).toBeLessThanOrEqual(LOG_BATCH_LIMITS.tags);
      expect(batch.metrics?.length ?? 0).toBeLessThanOrEqual(LOG_BATCH_LIMITS.metrics);
      expect((batch.params?.length ?? 0) + (batch.tags?.length ?? 0) + (batch.metrics?.length ?? 0)).toBeLessThanOrEqual(1000);
    }
    expect(batches.flatMap((batch) => batch.params ?? [])).toEqual(params);
    expect(batches.flatMap((batch) => batch.tags ?? [])).toEqual(tags);
    expect(batches.flatMap((batch) => batch.metrics ?? [])).toEqual(metrics);
  });

  it("never sends a param key twice in one call", () => {
    const batches = splitLogBatch({ params: [kv("a", "1"), kv("b"), kv("a", "1")] });
    expect(batches).toEqual([{ params: [kv("a", "1"), kv("b")] }, { params: [kv("a", "1")] }]);
  });

  it("gives nothing for nothing", () => {
    expect(splitLogBatch({})).toEqual([]);
  });
});
