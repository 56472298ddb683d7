import { openArtifactRepository } from "@cairn/artifacts";
import { brokenBody, expectError, runArtifactRepositorySuite, type S3rverProcess, startS3rver } from "@cairn/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putPart } from "./put-part.js";

let s3: S3rverProcess | undefined;
const server = async () => {
  s3 ??= await startS3rver(["suite", "other"], { log: true });
  return s3;
};

runArtifactRepositorySuite({
  name: "s3 (s3rver)",
  createRepository: async () => openArtifactRepository("s3://suite/mlartifacts", { env: (await server()).env }),
  putPart,
  noMultipartAbort: "s3rver 3.7.1 answers AbortMultipartUpload with 405 MethodNotAllowed",
});

describe("S3 artifact repository", () => {
  beforeAll(async () => {
    await server();
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it("aborts the multipart upload of a body that breaks off past the first part", async () => {
    const { env } = await server();
    const repository = await openArtifactRepository("s3://other/cut", { env });
    await expect(repository.write("big.bin", brokenBody(9 * 1024 * 1024, 1500))).rejects.toThrow();
    await expectError(repository.read("big.bin"), "RESOURCE_DOES_NOT_EXIST");
    // s3rver has neither ListMultipartUploads nor AbortMultipartUpload, so its request log is
    // the witness: a part went up, then the upload was aborted (DELETE ?uploadId=, which
    // s3rver refuses with 405; real S3 drops the parts).
    const log = (await server()).output();
    expect(log).toMatch(/\/cut\/big\.bin\?partNumber=1&uploadId=\S+ 200/);
    expect(log).toMatch(/\/cut\/big\.bin\?uploadId=\S+ 405/);
  });

  it("works at the bucket's root and refuses to delete it or to read it as a file", async () => {
    const { env } = await server();
    const repository = await openArtifactRepository("s3://other", { env });
    await repository.write("root.txt", (await import("node:stream")).Readable.from(["r"]));
    expect((await repository.list("")).map((file) => file.path)).toContain("root.txt");
    await expectError(repository.delete(""), "INVALID_PARAMETER_VALUE");
    await expectError(repository.read(""), "RESOURCE_DOES_NOT_EXIST");
  });

  it("hands out a presigned download URL that needs no credentials", async () => {
    const { env } = await server();
    const repository = await openArtifactRepository("s3://other/presigned", { env });
    await repository.write("f.txt", (await import("node:stream")).Readable.from(["presigned body"]));
    const presigned = await repository.presignDownload?.("f.txt", 60);
    expect(presigned?.file_size).toBe(14);
    expect(await (await fetch(presigned?.url ?? "")).text()).toBe("presigned body");
    await expectError(repository.presignDownload?.("none.txt", 60) ?? Promise.resolve(), "RESOURCE_DOES_NOT_EXIST");
  });

  it("refuses locations with traversal, queries or no bucket", async () => {
    for (const uri of ["s3://", "s3://bucket/a/../b", "s3://bucket/a?x=1", "s3://bucket#frag"]) {
      await expectError(openArtifactRepository(uri), "INVALID_PARAMETER_VALUE");
    }
  });
});
