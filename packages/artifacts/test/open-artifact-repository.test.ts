import { artifactBackendOf, LocalArtifactRepository, openArtifactRepository } from "@cairn/artifacts";
import { expectError } from "@cairn/conformance";
import { describe, expect, it } from "vitest";

describe("openArtifactRepository", () => {
  it("picks the backend by scheme", () => {
    expect(artifactBackendOf("/srv/artifacts")).toBe("local");
    expect(artifactBackendOf("file:///srv/artifacts")).toBe("local");
    expect(artifactBackendOf("s3://bucket/x")).toBe("s3");
    expect(artifactBackendOf("S3A://bucket/x")).toBe("s3");
    expect(artifactBackendOf("//host/share")).toBe("unsupported");
    expect(artifactBackendOf("gs://bucket/x")).toBe("unsupported");
    expect(artifactBackendOf("http://169.254.169.254/latest")).toBe("unsupported");
  });

  it("opens local folders", async () => {
    expect(await openArtifactRepository("file:///srv/artifacts")).toBeInstanceOf(LocalArtifactRepository);
  });

  it.each(["gs://bucket/x", "hdfs://nn/x", "dbfs:/x", "http://127.0.0.1:1/x", "https://example.com/x", "ftp://h/x"])(
    "answers NOT_IMPLEMENTED for %s, and never fetches it",
    async (uri) => {
      await expectError(openArtifactRepository(uri), "NOT_IMPLEMENTED");
    },
  );
});
