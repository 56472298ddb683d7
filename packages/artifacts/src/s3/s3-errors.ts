import { CairnError, invalidParameter } from "@cairn/core";

/** S3 error names that mean the request named nothing there. */
const NOT_FOUND = new Set(["NoSuchKey", "NotFound", "NoSuchUpload"]);
/** S3 error names that are the request's fault (bad parts, too small parts, a key too long). */
const CLIENT_FAULT = new Set(["InvalidPart", "InvalidPartOrder", "EntityTooSmall", "InvalidArgument", "KeyTooLongError", "InvalidRequest"]);

/**
 * Runs one S3 call and turns the store's answers that are the caller's fault into MLflow
 * errors (404 or 400 with a short message naming the client's path), so they never surface
 * as internal errors. Anything else (bucket missing, credentials refused, network) stays an
 * error the server logs.
 */
export async function withS3Errors<T>(relative: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof CairnError) throw error;
    const name = (error as { name?: string } | null)?.name ?? "";
    const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
    if (name === "NoSuchUpload")
      throw new CairnError("RESOURCE_DOES_NOT_EXIST", `No multipart upload in progress for ${relative.slice(0, 200)}`);
    if (NOT_FOUND.has(name) || status === 404) throw new CairnError("RESOURCE_DOES_NOT_EXIST", `File ${relative.slice(0, 200)} not found`);
    if (name === "NotImplemented" || name === "MethodNotAllowed") {
      throw new CairnError("NOT_IMPLEMENTED", `The object store does not support this operation on '${relative.slice(0, 200)}'`);
    }
    if (CLIENT_FAULT.has(name)) throw invalidParameter(`The object store refused '${relative.slice(0, 200)}': ${name}`);
    throw error;
  }
}
