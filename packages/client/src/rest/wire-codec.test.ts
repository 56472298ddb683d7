import { describe, expect, it } from "vitest";
import { decodeDouble, encodeJson, toQueryString } from "./wire-codec.js";

describe("wire codec", () => {
  it("spells NaN and infinities as MLflow's strings", () => {
    expect(encodeJson({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: 1.5 })).toBe(
      '{"a":"NaN","b":"Infinity","c":"-Infinity","d":1.5}',
    );
    expect([decodeDouble("NaN"), decodeDouble("Infinity"), decodeDouble("-Infinity"), decodeDouble(2)]).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2,
    ]);
  });

  it("repeats list keys and leaves out absent fields in query strings", () => {
    expect(toQueryString({ run_ids: ["a", "b"], metric_key: "loss", start_step: undefined, flag: true })).toBe(
      "run_ids=a&run_ids=b&metric_key=loss&flag=true",
    );
  });
});
