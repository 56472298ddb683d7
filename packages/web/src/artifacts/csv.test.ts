import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, embedded newlines and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",2')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "2"],
    ]);
  });

  it("stops after maxRows and reads TSV", () => {
    expect(parseCsv("1\n2\n3\n4", 2)).toEqual([["1"], ["2"]]);
    expect(parseCsv("a\tb", 10, "\t")).toEqual([["a", "b"]]);
  });
});
