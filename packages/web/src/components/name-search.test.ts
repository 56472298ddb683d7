import { describe, expect, it } from "vitest";
import { nameSearchFilter } from "./name-search.js";

describe("nameSearchFilter", () => {
  it("escapes backslashes and quotes so they match themselves, and is empty for blank text", () => {
    expect(nameSearchFilter("  ")).toBe("");
    expect(nameSearchFilter(" fraud ")).toBe("name ILIKE '%fraud%'");
    expect(nameSearchFilter("a\\b'c")).toBe("name ILIKE '%a\\\\b\\'c%'");
  });
});
