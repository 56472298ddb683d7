import { describe, expect, it } from "vitest";
import { encodeMetricBatch } from "./metric-batch-json.js";
import { encodeJson } from "./wire-codec.js";

describe("encodeMetricBatch", () => {
  it("writes the same JSON as encoding metric objects, special numbers included", () => {
    const keys = ["loss", 'we"ird\\key', "ünï"];
    const metrics = [
      { key: "loss", value: 0.5, timestamp: 1_700_000_000_123, step: 0 },
      { key: 'we"ird\\key', value: -1e-300, timestamp: 1, step: 2 ** 53 - 1 },
      { key: "ünï", value: Number.NaN, timestamp: 2, step: 3 },
      { key: "loss", value: Number.POSITIVE_INFINITY, timestamp: 3, step: 4 },
      { key: "loss", value: Number.NEGATIVE_INFINITY, timestamp: 4, step: 5 },
    ];
    const columns = {
      length: metrics.length,
      keyIds: metrics.map((metric) => keys.indexOf(metric.key)),
      values: metrics.map((metric) => metric.value),
      timestamps: metrics.map((metric) => metric.timestamp),
      steps: metrics.map((metric) => metric.step),
    };
    const text = encodeMetricBatch(
      "run1",
      keys.map((key) => JSON.stringify(key)),
      columns,
    );
    expect(text).toBe(encodeJson({ run_id: "run1", metrics }));
  });
});
