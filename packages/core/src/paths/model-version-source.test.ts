import { describe, expect, it } from "vitest";
import { validateModelVersionSource } from "./model-version-source.js";

const RUN_DIR = "file:///srv/mlruns/1/0a1b2c/artifacts";

describe("validateModelVersionSource", () => {
  it.each([
    ["runs:/0a1b2c/model", { kind: "runs", runId: "0a1b2c", path: "model" }],
    ["runs:/0a1b2c", { kind: "runs", runId: "0a1b2c", path: "" }],
    ["models:/fraud/3", { kind: "models" }],
    ["models:/fraud@champion", { kind: "models" }],
    ["models:/m-0123456789", { kind: "models" }],
    ["mlflow-artifacts:/1/0a1b2c/artifacts/model", { kind: "mlflow-artifacts" }],
    ["mlflow-artifacts://host:5000/1/0a1b2c/artifacts/model", { kind: "mlflow-artifacts" }],
    ["s3://bucket/path/model", { kind: "remote" }],
    ["gs://bucket/model/", { kind: "remote" }],
    ["https://example.com/models/m1", { kind: "remote" }],
    ["dbfs:/databricks/model", { kind: "remote" }],
  ])("accepts %s", (source, expected) => {
    expect(validateModelVersionSource(source, {})).toEqual(expected);
  });

  it("accepts a local path inside the run's local artifact folder only", () => {
    expect(validateModelVersionSource("/srv/mlruns/1/0a1b2c/artifacts/model", { runArtifactUri: RUN_DIR }).kind).toBe("run-local");
    expect(validateModelVersionSource("file:///srv/mlruns/1/0a1b2c/artifacts/model", { runArtifactUri: RUN_DIR }).kind).toBe("run-local");
    expect(() => validateModelVersionSource("/srv/mlruns/1/other/artifacts", { runArtifactUri: RUN_DIR })).toThrow(
      /run_id request parameter/,
    );
    expect(() => validateModelVersionSource("/srv/mlruns/1/0a1b2c/artifacts/../../x", { runArtifactUri: RUN_DIR })).toThrow();
    expect(() => validateModelVersionSource("/srv/mlruns/1/0a1b2c/artifactsX", { runArtifactUri: RUN_DIR })).toThrow();
    expect(() => validateModelVersionSource("/srv/mlruns/1/0a1b2c/artifacts/model", {})).toThrow(/run_id request parameter/);
  });

  // mlflow-wire.md §10.2: every shape the registry CVEs used.
  it.each([
    "/etc",
    "/etc/passwd",
    "file:///etc/",
    "file:///etc/passwd",
    "file://./etc",
    "file://host/share/model",
    "file://localhost/../etc",
    "//proc/self/root/etc",
    "\\\\host\\share",
    "C:/Windows",
    "C:\\Windows",
    "c:model",
    "../../../etc",
    "model/../../etc",
    "./model",
    "model",
    "..\\..\\etc",
    "s3://bucket/../etc",
    "s3://bucket/a/%2e%2e/b",
    "s3://bucket/a/%252e%252e%252fb",
    "s3://bucket/a//b",
    "s3://bucket/./a",
    "http:///#/../etc",
    "http://host#/abc/etc/",
    "http://host/?/../etc",
    "http://host/;..%2F..%2Fetc",
    "http://host/a%3f/../../etc",
    "http://host/a%23/b",
    "dbfs:/x/a%3f/../../",
    "mlflow-artifacts://h:1/..%2f..%2fartifacts",
    "mlflow-artifacts:/models/artifact%00",
    "mlflow-artifacts:/models/..../../x",
    "mlflow-artifacts:/../etc",
    "runs:/0a1b/../../etc",
    "runs:/0a1b/%2e%2e/x",
    "runs:/../x",
    "models:/name/../../etc",
    "ftp://",
    "gopher://host/x",
    "javascript:alert(1)",
    "s3:bucket/key",
    "abc%00",
    "%2fetc%2fpasswd",
    "%252fetc",
    "a\u0001b",
    "x".repeat(5000),
  ])("refuses %s", (source) => {
    let caught: unknown;
    try {
      validateModelVersionSource(source, { runArtifactUri: RUN_DIR });
    } catch (error) {
      caught = error;
    }
    expect((caught as { code?: string } | undefined)?.code).toBe("INVALID_PARAMETER_VALUE");
  });
});
