import { describe, expect, it } from "vitest";
import { validateArtifactLocation } from "./artifact-location.js";

describe("validateArtifactLocation", () => {
  it.each(["file:///data/runs", "file://localhost/data/runs", "/data/runs", "mlflow-artifacts:/", "s3://bucket/path"])(
    "accepts %s",
    (uri) => {
      expect(validateArtifactLocation(uri)).toBe(uri);
    },
  );

  // A file URI's path is decoded once into a local path, where an encoded separator cannot be
  // represented (Node's fileURLToPath throws on it), so the location could never be used.
  it.each([
    "file:///tmp%2fsc-outside",
    "file:///tmp/sc%2foutside",
    "file:///tmp/sc%2Foutside",
    "file:///tmp/sc%5coutside",
    "file:///tmp/sc%5Coutside",
    "file:///tmp/sc%252foutside",
    "file:///tmp/sc%25%32%66outside",
  ])("refuses the encoded separator in %s", (uri) => {
    expect(() => validateArtifactLocation(uri)).toThrow(expect.objectContaining({ code: "INVALID_PARAMETER_VALUE" }));
  });

  it.each(["mlflow-artifacts:", "mlflow-artifacts:///", "mlflow-artifacts://host:9000/", "mlflow-artifacts://host:9000"])(
    "accepts the proxy location %s",
    (uri) => {
      expect(validateArtifactLocation(uri)).toBe(uri);
    },
  );

  // Runs under it would get mlflow-artifacts://<run_id>/artifacts: the run id parsed as a host.
  it("refuses mlflow-artifacts:// with an empty authority and nothing after it", () => {
    expect(() => validateArtifactLocation("mlflow-artifacts://")).toThrow(expect.objectContaining({ code: "INVALID_PARAMETER_VALUE" }));
  });

  it.each([
    "s3a://bucket/path",
    "gs://bucket/path",
    "wasbs://container@account.blob.core.windows.net/path",
    "abfss://container@account.dfs.core.windows.net/path",
    "hdfs://namenode:8020/mlflow",
    "viewfs://cluster/mlflow",
    "dbfs:/databricks/mlflow",
    "dbfs://profile/databricks/mlflow",
    "ftp://user@ftp.example.com/mlflow",
    "sftp://user@host/mlflow",
    "oss://bucket/mlflow",
  ])("accepts the opaque location %s", (uri) => {
    expect(validateArtifactLocation(uri)).toBe(uri);
  });

  it.each([
    "hdfs://namenode/a/../../etc",
    "gs://bucket/x#/../etc",
    "ftp://host/x?y=1",
    "dbfs:/a/%2e%2e/b",
    "dbfs:",
    "sftp:/no-host",
    "oss:bucket",
    "gopher://host/x",
  ])("refuses %s", (uri) => {
    expect(() => validateArtifactLocation(uri)).toThrow(expect.objectContaining({ code: "INVALID_PARAMETER_VALUE" }));
  });
});
