import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalArtifactRepository } from "@cairn/artifacts";
import { afterAll, describe, expect, it } from "vitest";
import { ArtifactService } from "./artifact-service.js";

/** Run artifact URIs come from the database, where older or foreign rows may hold anything. */
describe("ArtifactService.locate", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-service-"));
  const service = new ArtifactService(new LocalArtifactRepository(dir));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    "file:///tmp%2fsc-outside/1/r/artifacts",
    "file:///tmp/sc%2foutside",
    "file://remote-host/share",
    "file:///a/%ff",
    "runs/relative",
  ])("answers %s it cannot interpret with INVALID_PARAMETER_VALUE, not an internal error", async (uri) => {
    await expect(service.locate(uri, "model")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
  });

  it("still reads local and proxied locations", async () => {
    expect((await service.locate(`file://${dir}/1/r/artifacts`, "m")).path).toBe("m");
    expect((await service.locate("mlflow-artifacts:/1/r/artifacts", "m")).path).toBe("1/r/artifacts/m");
  });

  it("decodes a proxied URI's path once, as the proxy route decodes an upload's", async () => {
    expect((await service.locate("mlflow-artifacts:/1/r%20x/artifacts", "a%41.txt")).path).toBe("1/r x/artifacts/a%41.txt");
    expect((await service.locate("mlflow-artifacts:/1/a%2541/artifacts", "m")).path).toBe("1/a%41/artifacts/m");
  });

  it.each(["gs://bucket/1/r/artifacts", "hdfs://nn/x", "dbfs:/x", "http://169.254.169.254/latest", "https://example.com/x"])(
    "answers NOT_IMPLEMENTED for %s, without fetching it",
    async (uri) => {
      await expect(service.locate(uri, "m")).rejects.toMatchObject({ code: "NOT_IMPLEMENTED" });
    },
  );

  it("locates whole locations as a folder inside a repository", async () => {
    expect((await service.locateRoot("mlflow-artifacts:/3")).path).toBe("3");
    const local = await service.locateRoot(`file://${dir}/7`);
    expect(local.path).toBe("7");
    expect((local.repository as LocalArtifactRepository).root).toBe(dir);
    expect((await service.locateRoot("s3://bucket/exp/4")).path).toBe("4");
    expect((await service.locateRoot("s3://bucket")).path).toBe("");
  });
});
