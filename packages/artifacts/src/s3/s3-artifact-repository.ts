import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  type ArtifactContent,
  type ArtifactRepository,
  CairnError,
  type FileInfo,
  invalidParameter,
  type MultipartUploads,
  type PresignedDownload,
  type RangeRequest,
  rangeHeader,
  resolveRange,
  UnsatisfiableRangeError,
} from "@cairn/core";
import { sharedS3Client } from "./s3-client-cache.js";
import { withS3Errors } from "./s3-errors.js";
import { parseS3Uri } from "./s3-location.js";
import { S3MultipartUploads } from "./s3-multipart-uploads.js";

/**
 * Part size and parallel parts of an upload: memory stays near PART_SIZE × (QUEUE_SIZE + 1)
 * however large the file, and 8 MiB × 10,000 parts still allows 80 GB files.
 */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;
/** DeleteObjects takes at most this many keys. */
const DELETE_BATCH = 1000;

/**
 * Artifacts in an S3 bucket (or an S3-compatible server) under `s3://bucket/prefix`. Uploads
 * stream through `@aws-sdk/lib-storage` in bounded memory and become visible only when
 * complete: a single PUT, or a multipart upload that is aborted when the body fails. Keys are
 * `<prefix>/<path>`; a "directory" is a key prefix, so listing uses the '/' delimiter.
 *
 * @example
 * const repository = new S3ArtifactRepository("s3://models/mlartifacts", process.env);
 */
export class S3ArtifactRepository implements ArtifactRepository {
  readonly bucket: string;
  readonly prefix: string;
  readonly multipart: MultipartUploads;
  readonly #client: S3Client;

  constructor(uri: string, env: NodeJS.ProcessEnv = process.env) {
    const { bucket, prefix } = parseS3Uri(uri);
    this.bucket = bucket;
    this.prefix = prefix;
    this.#client = sharedS3Client(env);
    this.multipart = new S3MultipartUploads(this.#client, bucket, (relative) => this.#key(relative));
  }

  /** The object key of a relative path; refuses '.' and '..' segments as a second line of defence. */
  #key(relative: string): string {
    const segments = relative.split("/").filter((segment) => segment !== "");
    if (segments.some((segment) => segment === "." || segment === "..")) throw invalidParameter("Invalid path");
    return [this.prefix, ...segments].filter((part) => part !== "").join("/");
  }

  /** The key prefix under which a directory's entries live ("" for the bucket's root). */
  #directoryPrefix(relative: string): string {
    const key = this.#key(relative);
    return key === "" ? "" : `${key}/`;
  }

  write(relative: string, body: Readable): Promise<void> {
    return withS3Errors(relative, async () => {
      const key = this.#key(relative);
      if (key === this.prefix) throw invalidParameter("Invalid path");
      const upload = new Upload({
        client: this.#client,
        params: { Bucket: this.bucket, Key: key, Body: body },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        // A failed upload aborts its multipart upload, so no parts linger and nothing appears.
        leavePartsOnError: false,
      });
      try {
        // A client that breaks off fails the body stream, which fails the upload.
        await upload.done();
      } catch (error) {
        await upload.abort().catch(() => {});
        throw error;
      }
    });
  }

  read(relative: string, range?: RangeRequest): Promise<ArtifactContent> {
    return withS3Errors(relative, async () => {
      const key = this.#key(relative);
      if (key === this.prefix) throw fileNotFound(relative);
      // A suffix range is turned into explicit bytes first: some S3-compatible servers (s3rver)
      // read `bytes=-N` as `bytes=0-N`.
      const asked = range && "suffix" in range ? resolveRange(range, await this.#size(key)) : range;
      let output: GetObjectCommandOutput;
      try {
        output = await this.#client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(asked ? { Range: rangeHeader(asked) } : {}) }),
        );
      } catch (error) {
        if ((error as { name?: string }).name === "InvalidRange") throw new UnsatisfiableRangeError(await this.#size(key));
        throw error;
      }
      const stream = output.Body as Readable;
      const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(output.ContentRange ?? "");
      if (range && served) {
        return { stream, size: Number(served[3]), range: { start: Number(served[1]), end: Number(served[2]) } };
      }
      return { stream, size: output.ContentLength ?? 0 };
    });
  }

  async #size(key: string): Promise<number> {
    const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    return head.ContentLength ?? 0;
  }

  /** Every object under a key prefix, page by page. */
  async *#objects(prefix: string): AsyncGenerator<ListObjectsV2CommandOutput> {
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  list(relative: string): Promise<FileInfo[]> {
    return withS3Errors(relative, async () => {
      const prefix = this.#directoryPrefix(relative);
      const childPath = (name: string) => (relative ? `${relative.replace(/\/+$/, "")}/${name}` : name);
      const files = new Map<string, FileInfo>();
      // Listed without a delimiter and folded to one level here: S3-compatible servers differ in
      // how they report common prefixes (s3rver drops folders nested two levels down), while a
      // plain key listing is the same everywhere. The cost is proportional to the subtree.
      for await (const page of this.#objects(prefix)) {
        for (const object of page.Contents ?? []) {
          const rest = (object.Key ?? "").slice(prefix.length);
          const slash = rest.indexOf("/");
          if (slash > 0) {
            const name = rest.slice(0, slash);
            files.set(name, { path: childPath(name), is_dir: true });
          } else if (slash < 0 && rest !== "" && !files.has(rest)) {
            // An empty name is a "folder" marker some tools write; it is no file.
            files.set(rest, { path: childPath(rest), is_dir: false, file_size: object.Size ?? 0 });
          }
        }
      }
      return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    });
  }

  delete(relative: string): Promise<void> {
    return withS3Errors(relative, async () => {
      const key = this.#key(relative);
      if (key === this.prefix) throw invalidParameter("Invalid path");
      // The key itself and everything below `key/`: never `key2`, which a bare prefix would match.
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await this.#client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        batch = [];
      };
      for await (const page of this.#objects(`${key}/`)) {
        for (const object of page.Contents ?? []) {
          if (object.Key) batch.push(object.Key);
          if (batch.length === DELETE_BATCH) await flush();
        }
      }
      await flush();
    });
  }

  usage(relative: string): Promise<number> {
    return withS3Errors(relative, async () => {
      const key = this.#key(relative);
      let total = 0;
      if (key !== this.prefix) total += await this.#size(key).catch(() => 0);
      for await (const page of this.#objects(this.#directoryPrefix(relative))) {
        for (const object of page.Contents ?? []) total += object.Size ?? 0;
      }
      return total;
    });
  }

  presignDownload(relative: string, ttlSeconds: number): Promise<PresignedDownload> {
    return withS3Errors(relative, async () => {
      const key = this.#key(relative);
      if (key === this.prefix) throw fileNotFound(relative);
      const size = await this.#size(key);
      const url = await getSignedUrl(this.#client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: ttlSeconds });
      return { url, headers: {}, file_size: size };
    });
  }
}

/** The repository's root is a folder, never a file. */
function fileNotFound(relative: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `File ${relative.slice(0, 200)} not found`);
}
