import { Readable } from "node:stream";
import { buffer, text } from "node:stream/consumers";
import { type ArtifactRepository, UnsatisfiableRangeError } from "@cairn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { brokenBody, generatedBytes, generatedHash, streamHash } from "./generated-bytes.js";
import { uniqueName } from "./suite-options.js";

export interface ArtifactRepositorySuiteOptions {
  /** Shown in the test names, e.g. "local" or "proxy→s3". */
  name: string;
  /** A repository the suite may write anywhere in; each test works under its own folder. */
  createRepository(): Promise<ArtifactRepository>;
  /** Called after the suite, e.g. to stop a server. */
  dispose?(): Promise<void>;
  /** Bytes of the large round trip (default 20 MiB: several S3 parts). */
  largeFileSize?: number;
  /** PUTs one presigned part (the client side of MLflow's multipart protocol); needed when the repository has `multipart`. */
  putPart?(url: string, body: Buffer, headers: Record<string, string>): Promise<string>;
  /** Why the store cannot abort (or look up) multipart uploads, if it cannot: s3rver has no AbortMultipartUpload. */
  noMultipartAbort?: string;
}

const from = (value: string | Buffer) => Readable.from([Buffer.from(value)]);

/**
 * The artifact-repository conformance suite: the same behaviour from every backend (local
 * folder, S3, the proxy over HTTP), so the server can stand on any of them.
 *
 * @example
 * runArtifactRepositorySuite({ name: "local", createRepository: async () => new LocalArtifactRepository(dir) });
 */
export function runArtifactRepositorySuite(options: ArtifactRepositorySuiteOptions): void {
  describe(`artifact repository conformance: ${options.name}`, () => {
    let repository: ArtifactRepository | undefined;
    beforeAll(async () => {
      repository = await options.createRepository();
    });
    afterAll(async () => {
      await options.dispose?.();
    });
    const repo = (): ArtifactRepository => {
      if (!repository) throw new Error("repository not created");
      return repository;
    };
    const folder = () => uniqueName("t");

    it("writes and reads back bytes, the empty file too, and overwrites", async () => {
      const base = folder();
      const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
      await repo().write(`${base}/bin.dat`, from(bytes));
      const read = await repo().read(`${base}/bin.dat`);
      expect(read.size).toBe(bytes.length);
      expect(read.range).toBeUndefined();
      expect(await buffer(read.stream)).toEqual(bytes);
      await repo().write(`${base}/empty.txt`, Readable.from([]));
      const empty = await repo().read(`${base}/empty.txt`);
      expect(empty.size).toBe(0);
      expect((await buffer(empty.stream)).length).toBe(0);
      await repo().write(`${base}/bin.dat`, from("second"));
      expect(await text((await repo().read(`${base}/bin.dat`)).stream)).toBe("second");
    });

    it("keeps names with spaces, percent signs and non-ASCII letters", async () => {
      const base = folder();
      for (const name of ["a b.txt", "100%.txt", "a%41.txt", "données ü.txt"]) {
        await repo().write(`${base}/${name}`, from(name));
        expect(await text((await repo().read(`${base}/${name}`)).stream)).toBe(name);
      }
      expect((await repo().list(base)).map((file) => file.path)).toEqual(
        ["100%.txt", "a b.txt", "a%41.txt", "données ü.txt"].map((name) => `${base}/${name}`).sort(),
      );
    });

    it("answers RESOURCE_DOES_NOT_EXIST for a missing file and for a directory", async () => {
      const base = folder();
      await repo().write(`${base}/dir/f.txt`, from("x"));
      await expectError(repo().read(`${base}/missing.txt`), "RESOURCE_DOES_NOT_EXIST");
      await expectError(repo().read(`${base}/dir`), "RESOURCE_DOES_NOT_EXIST");
    });

    it("lists one level, sorted, with sizes for files only; an absent folder lists empty", async () => {
      const base = folder();
      await repo().write(`${base}/b.txt`, from("bb"));
      await repo().write(`${base}/a/deep/x.txt`, from("x"));
      await repo().write(`${base}/c.bin`, from("ccc"));
      expect(await repo().list(base)).toEqual([
        { path: `${base}/a`, is_dir: true },
        { path: `${base}/b.txt`, is_dir: false, file_size: 2 },
        { path: `${base}/c.bin`, is_dir: false, file_size: 3 },
      ]);
      expect(await repo().list(`${base}/a`)).toEqual([{ path: `${base}/a/deep`, is_dir: true }]);
      expect(await repo().list(`${base}/nothing`)).toEqual([]);
      expect((await repo().list("")).some((file) => file.path === base && file.is_dir)).toBe(true);
    });

    it("deletes a file, a whole tree, and never a sibling that shares the name's start", async () => {
      const base = folder();
      await repo().write(`${base}/model/a.bin`, from("a"));
      await repo().write(`${base}/model/sub/b.bin`, from("b"));
      await repo().write(`${base}/model2/keep.bin`, from("k"));
      await repo().write(`${base}/model.txt`, from("k"));
      await repo().delete(`${base}/model/a.bin`);
      await expectError(repo().read(`${base}/model/a.bin`), "RESOURCE_DOES_NOT_EXIST");
      await repo().delete(`${base}/model`);
      expect((await repo().list(base)).map((file) => file.path)).toEqual([`${base}/model.txt`, `${base}/model2`]);
      await repo().delete(`${base}/never-was`);
      expect(await text((await repo().read(`${base}/model2/keep.bin`)).stream)).toBe("k");
    });

    it("reads byte ranges: closed, open-ended, suffix, clamped; refuses one past the end", async () => {
      const base = folder();
      await repo().write(`${base}/digits.txt`, from("0123456789"));
      const read = async (range: Parameters<ArtifactRepository["read"]>[1]) => {
        const content = await repo().read(`${base}/digits.txt`, range);
        return { body: await text(content.stream), size: content.size, range: content.range };
      };
      expect(await read({ start: 2, end: 4 })).toEqual({ body: "234", size: 10, range: { start: 2, end: 4 } });
      expect(await read({ start: 7 })).toEqual({ body: "789", size: 10, range: { start: 7, end: 9 } });
      expect(await read({ suffix: 3 })).toEqual({ body: "789", size: 10, range: { start: 7, end: 9 } });
      expect(await read({ start: 8, end: 100 })).toEqual({ body: "89", size: 10, range: { start: 8, end: 9 } });
      await expect(repo().read(`${base}/digits.txt`, { start: 10 })).rejects.toBeInstanceOf(UnsatisfiableRangeError);
    });

    it("reports the bytes stored under a folder, a file, or nothing", async () => {
      const base = folder();
      await repo().write(`${base}/x/a.bin`, from("12345"));
      await repo().write(`${base}/x/y/b.bin`, from("123"));
      await repo().write(`${base}/z.bin`, from("1"));
      expect(await repo().usage(base)).toBe(9);
      expect(await repo().usage(`${base}/x`)).toBe(8);
      expect(await repo().usage(`${base}/z.bin`)).toBe(1);
      expect(await repo().usage(`${base}/none`)).toBe(0);
    });

    it("leaves nothing visible when the body breaks off, and keeps the file it would have replaced", async () => {
      const base = folder();
      await expect(repo().write(`${base}/cut.bin`, brokenBody(64 * 1024))).rejects.toThrow();
      await expectError(repo().read(`${base}/cut.bin`), "RESOURCE_DOES_NOT_EXIST");
      expect(await repo().list(base)).toEqual([]);
      await repo().write(`${base}/kept.bin`, from("old"));
      await expect(repo().write(`${base}/kept.bin`, brokenBody(64 * 1024))).rejects.toThrow();
      expect(await text((await repo().read(`${base}/kept.bin`)).stream)).toBe("old");
    });

    it("streams a large file both ways unchanged", async () => {
      const base = folder();
      const size = options.largeFileSize ?? 20 * 1024 * 1024 + 123;
      await repo().write(`${base}/large.bin`, generatedBytes(size));
      const read = await repo().read(`${base}/large.bin`);
      expect(read.size).toBe(size);
      expect(await streamHash(read.stream)).toBe(await generatedHash(size));
      const tail = await repo().read(`${base}/large.bin`, { start: size - 10 });
      expect((await buffer(tail.stream)).length).toBe(10);
    });

    it("completes a presigned multipart upload", async (context) => {
      const multipart = repo().multipart;
      if (!multipart || !options.putPart) return context.skip("this backend has no presigned multipart upload");
      const base = folder();
      const partSize = 5 * 1024 * 1024;
      const parts = [Buffer.alloc(partSize, 1), Buffer.alloc(partSize, 2), Buffer.from("tail")];
      const created = await multipart.create(`${base}/big.bin`, parts.length);
      expect(created.credentials.map((credential) => credential.part_number)).toEqual([1, 2, 3]);
      const etags: string[] = [];
      for (const [i, credential] of created.credentials.entries()) {
        etags.push(await options.putPart(credential.url, parts[i] ?? Buffer.alloc(0), credential.headers));
      }
      await expectError(repo().read(`${base}/big.bin`), "RESOURCE_DOES_NOT_EXIST");
      await multipart.complete(
        `${base}/big.bin`,
        created.upload_id,
        etags.map((etag, i) => ({ part_number: i + 1, etag })),
      );
      expect(await streamHash((await repo().read(`${base}/big.bin`)).stream)).toBe(await streamHash(Readable.from(parts)));

      await expectError(multipart.create(`${base}/x.bin`, 0), "INVALID_PARAMETER_VALUE");
    });

    it("aborts a multipart upload, leaving nothing", async (context) => {
      const multipart = repo().multipart;
      if (!multipart || !options.putPart) return context.skip("this backend has no presigned multipart upload");
      if (options.noMultipartAbort) return context.skip("the S3 server under test cannot abort multipart uploads");
      const base = folder();
      await expectError(multipart.complete(`${base}/x.bin`, "no-such-upload", [{ part_number: 1, etag: "x" }]), "RESOURCE_DOES_NOT_EXIST");
      const aborted = await multipart.create(`${base}/gone.bin`, 1);
      await options.putPart(aborted.credentials[0]?.url ?? "", Buffer.from("x"), {});
      await multipart.abort(`${base}/gone.bin`, aborted.upload_id);
      await expectError(repo().read(`${base}/gone.bin`), "RESOURCE_DOES_NOT_EXIST");
      await expectError(multipart.abort(`${base}/gone.bin`, "no-such-upload"), "RESOURCE_DOES_NOT_EXIST");
    });
  });
}
