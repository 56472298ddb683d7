import { describe, expect, it } from "vitest";
import { validateArtifactPath } from "./artifact-path.js";

describe("validateArtifactPath", () => {
  it("normalises separators and dot segments", () => {
    expect(validateArtifactPath("model//./MLmodel")).toBe("model/MLmodel");
    expect(validateArtifactPath("")).toBe("");
  });

  // The path arrives decoded once by the HTTP layer; decoding it again would rename the file.
  it.each([
    ["ok/a%41.txt", "ok/a%41.txt"],
    ["100%.txt", "100%.txt"],
    ["50% off/report.csv", "50% off/report.csv"],
    ["a%2fb.txt", "a%2fb.txt"],
    ["%zz", "%zz"],
  ])("keeps %s as given", (path, stored) => {
    expect(validateArtifactPath(path)).toBe(stored);
  });

  // Every decoded form is still checked, escapes that do not decode included.
  it.each([
    "%2e%2e%2fetc",
    "%252e%252e%252fetc",
    "a/%2e%2e/%2e%2e/b",
    "%2e%2e%2f%zz",
    "100%/../../x",
    "%25%32%65%25%32%65/x",
    "a%2500",
    "%23x",
    "%3f",
  ])("refuses %s", (path) => {
    expect(() => validateArtifactPath(path)).toThrow("Invalid path");
  });
});
