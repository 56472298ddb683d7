import { describe, expect, it } from "vitest";
import { ema } from "./ema.js";

describe("ema", () => {
  it("is the identity at weight 0 and debiased at the start", () => {
    expect(ema([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const smoothed = ema([10, 10, 10], 0.9);
    for (const value of smoothed) expect(value).toBeCloseTo(10);
  });

  it("smooths toward the mean and passes NaN and gaps through", () => {
    const smoothed = ema([0, 10, Number.NaN, null, 0, 10], 0.5);
    expect(smoothed[1]).toBeCloseTo(6.667, 2);
    expect(smoothed[2]).toBeNaN();
    expect(smoothed[3]).toBeNull();
    expect(smoothed[5]).toBeGreaterThan(0);
    expect(smoothed[5]).toBeLessThan(10);
  });
});
