import { invalidParameter } from "@cairn/core";

/** A bucket and the key prefix under it ("" for the whole bucket), without a trailing '/'. */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/**
 * Reads `s3://bucket/prefix` (MLflow's `parse_s3_compliant_uri`; `s3a:` and `s3n:` are the
 * Hadoop spellings of the same). Queries, fragments and traversal are refused: the prefix is
 * joined with client paths into object keys, and s3-compatible servers may store keys as files.
 *
 * @example
 * parseS3Uri("s3://models/mlartifacts/"); // { bucket: "models", prefix: "mlartifacts" }
 */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3[an]?:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(uri);
  const invalid = () => invalidParameter(`Invalid S3 location '${uri.slice(0, 200)}'`);
  if (!match?.[1]) throw invalid();
  const segments = (match[2] ?? "").split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment === "." || segment === "..")) throw invalid();
  return { bucket: match[1], prefix: segments.join("/") };
}
