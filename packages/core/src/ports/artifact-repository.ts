import type { Readable } from "node:stream";
import type { ByteRange, RangeRequest } from "../artifacts/byte-range.js";
import type { FileInfo } from "../entities/file-info.js";

/** A file being read: the stream of the asked bytes and the size of the whole file. */
export interface ArtifactContent {
  stream: Readable;
  /** The whole file's size, also when only a range is streamed. */
  size: number;
  /** The bytes `stream` holds when a range was asked for; absent for the whole file. */
  range?: ByteRange;
}

/** Where one part of a multipart upload goes: a presigned URL the client PUTs the part to. */
export interface MultipartUploadCredential {
  url: string;
  part_number: number;
  headers: Record<string, string>;
}

/** A part the client uploaded, with the ETag the store answered it with. */
export interface MultipartUploadPart {
  part_number: number;
  etag: string;
}

/**
 * MLflow's multipart protocol (`MultipartUploadMixin`): the server opens an upload and hands
 * out presigned part URLs, the client PUTs the parts straight to the store, then completes or
 * aborts. Nothing is visible at `path` until `complete` succeeds.
 */
export interface MultipartUploads {
  /** Opens an upload of `numParts` parts to `path`. */
  create(path: string, numParts: number): Promise<{ upload_id: string; credentials: MultipartUploadCredential[] }>;
  /** Joins the parts into the file; INVALID_PARAMETER_VALUE for parts the store does not know. */
  complete(path: string, uploadId: string, parts: MultipartUploadPart[]): Promise<void>;
  /** Drops the upload and its parts; RESOURCE_DOES_NOT_EXIST for an unknown upload. */
  abort(path: string, uploadId: string): Promise<void>;
}

/** A time-limited URL that downloads one file straight from the store. */
export interface PresignedDownload {
  url: string;
  headers: Record<string, string>;
  file_size: number;
}

/**
 * Where artifact bytes live: a local folder, an S3 bucket, or a proxy over HTTP. Paths are
 * relative, '/'-separated, and already validated by `validateArtifactPath`; implementations
 * still confine them to their root. Errors are `CairnError`s: RESOURCE_DOES_NOT_EXIST for a
 * missing file, INVALID_PARAMETER_VALUE for a path the store refuses. Both directions stream:
 * no implementation holds a whole file in memory.
 *
 * @example
 * const repository = await openArtifactRepository("s3://bucket/mlartifacts");
 * await repository.write("1/run/artifacts/model.onnx", fs.createReadStream("model.onnx"));
 * const { stream, size } = await repository.read("1/run/artifacts/model.onnx", { start: 0, end: 1023 });
 */
export interface ArtifactRepository {
  /** Writes the stream to `path`. Readers never see a half-written file, also when `body` fails. */
  write(path: string, body: Readable): Promise<void>;
  /**
   * A stream of the file (or of `range` of it) and its size; RESOURCE_DOES_NOT_EXIST when it is
   * absent or a directory, `UnsatisfiableRangeError` when the range starts past its end.
   */
  read(path: string, range?: RangeRequest): Promise<ArtifactContent>;
  /** One directory level, sorted by path; an absent directory lists as empty. Paths are relative to the root. */
  list(path: string): Promise<FileInfo[]>;
  /** Deletes a file or a directory tree; absent paths are not an error. */
  delete(path: string): Promise<void>;
  /** The bytes stored at `path`, a file or a whole tree ("" for the root); 0 when absent. */
  usage(path: string): Promise<number>;
  /** Present when the store speaks MLflow's presigned multipart protocol (S3); absent for local folders. */
  readonly multipart?: MultipartUploads;
  /** Present when the store can hand out presigned download URLs (S3). */
  presignDownload?(path: string, ttlSeconds: number): Promise<PresignedDownload>;
}
