import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { invalidParameter, type MultipartUploadCredential, type MultipartUploadPart, type MultipartUploads } from "@cairn/core";
import { withS3Errors } from "./s3-errors.js";

/** S3's limit on the parts of one upload. */
const MAX_PARTS = 10_000;
/** How long a part URL stays valid: boto3's `generate_presigned_url` default, which MLflow uses. */
const PART_URL_TTL_SECONDS = 3600;

/**
 * MLflow's proxied multipart upload on S3 (`S3ArtifactRepository.create_multipart_upload` and
 * friends): one S3 multipart upload per file, a presigned `UploadPart` URL per part for the
 * client to PUT to, then `CompleteMultipartUpload` with the ETags it collected.
 */
export class S3MultipartUploads implements MultipartUploads {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #key: (relative: string) => string;

  constructor(client: S3Client, bucket: string, key: (relative: string) => string) {
    this.#client = client;
    this.#bucket = bucket;
    this.#key = key;
  }

  create(relative: string, numParts: number): Promise<{ upload_id: string; credentials: MultipartUploadCredential[] }> {
    return withS3Errors(relative, async () => {
      if (!Number.isInteger(numParts) || numParts < 1 || numParts > MAX_PARTS) {
        throw invalidParameter(`Invalid value ${numParts} for parameter 'num_parts': it must be between 1 and ${MAX_PARTS}`);
      }
      const Key = this.#key(relative);
      const created = await this.#client.send(new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key }));
      const uploadId = created.UploadId ?? "";
      const credentials: MultipartUploadCredential[] = [];
      for (let part = 1; part <= numParts; part++) {
        const url = await getSignedUrl(
          this.#client,
          new UploadPartCommand({ Bucket: this.#bucket, Key, UploadId: uploadId, PartNumber: part }),
          { expiresIn: PART_URL_TTL_SECONDS },
        );
        credentials.push({ url, part_number: part, headers: {} });
      }
      return { upload_id: uploadId, credentials };
    });
  }

  complete(relative: string, uploadId: string, parts: MultipartUploadPart[]): Promise<void> {
    return withS3Errors(relative, async () => {
      if (parts.length === 0) throw invalidParameter("Invalid value [] for parameter 'parts': at least one part is needed");
      const sorted = [...parts].sort((a, b) => a.part_number - b.part_number);
      await this.#client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.#bucket,
          Key: this.#key(relative),
          UploadId: uploadId,
          MultipartUpload: { Parts: sorted.map((part) => ({ PartNumber: part.part_number, ETag: part.etag })) },
        }),
      );
    });
  }

  abort(relative: string, uploadId: string): Promise<void> {
    return withS3Errors(relative, async () => {
      await this.#client.send(new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: this.#key(relative), UploadId: uploadId }));
    });
  }
}
