import { describe, expect, it } from "vitest";
import { parseRangeHeader, resolveRange, UnsatisfiableRangeError } from "./byte-range.js";

describe("byte ranges", () => {
  it.each([
    ["bytes=0-9", { start: 0, end: 9 }],
    ["bytes=5-", { start: 5 }],
    ["bytes=-3", { suffix: 3 }],
    [" bytes = 2 - 4 ", { start: 2, end: 4 }],
  ])("reads %s", (header, expected) => {
    expect(parseRangeHeader(header)).toEqual(expected);
  });

  it.each([undefined, "", "bytes=", "bytes=-", "bytes=5-2", "bytes=0-1,3-4", "items=0-1", "bytes=a-b"])(
    "sends the whole file for %s",
    (header) => {
      expect(parseRangeHeader(header)).toBeNull();
    },
  );

  it("clamps to the file and refuses ranges past its end", () => {
    expect(resolveRange({ start: 2, end: 100 }, 10)).toEqual({ start: 2, end: 9 });
    expect(resolveRange({ suffix: 100 }, 10)).toEqual({ start: 0, end: 9 });
    expect(resolveRange({ suffix: 3 }, 10)).toEqual({ start: 7, end: 9 });
    expect(() => resolveRange({ start: 10 }, 10)).toThrow(UnsatisfiableRangeError);
    expect(() => resolveRange({ suffix: 0 }, 10)).toThrow(UnsatisfiableRangeError);
  });
});
