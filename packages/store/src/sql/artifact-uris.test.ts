import { describe, expect, it } from "vitest";
import { artifactLocationFor, runArtifactUri } from "./artifact-uris.js";

describe("run and experiment artifact URIs", () => {
  it.each([
    ["mlflow-artifacts:/", "mlflow-artifacts:/0/r1/artifacts"],
    ["mlflow-artifacts:", "mlflow-artifacts:/0/r1/artifacts"],
    ["mlflow-artifacts://host:9000", "mlflow-artifacts://host:9000/0/r1/artifacts"],
    ["s3://bucket/prefix/", "s3://bucket/prefix/0/r1/artifacts"],
    ["file:///data/mlruns", "file:///data/mlruns/0/r1/artifacts"],
  ])("appends the experiment and run to %s", (root, uri) => {
    expect(runArtifactUri(artifactLocationFor(root, "0"), "r1")).toBe(uri);
  });

  // After `scheme://` the next text is the authority: an id put there would be parsed as a host.
  it("never lets an id become the authority of an empty-authority root", () => {
    expect(runArtifactUri("mlflow-artifacts://", "r1")).toBe("mlflow-artifacts:///r1/artifacts");
    expect(artifactLocationFor("mlflow-artifacts://", "7")).toBe("mlflow-artifacts:///7");
  });
});
