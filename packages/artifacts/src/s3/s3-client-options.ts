import type { S3ClientConfig } from "@aws-sdk/client-s3";

/**
 * The S3 client configuration from the environment variables MLflow users already set:
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`), `AWS_DEFAULT_REGION`
 * (or `AWS_REGION`), and `MLFLOW_S3_ENDPOINT_URL` for S3-compatible servers (MinIO, Ceph,
 * s3rver…), which get path-style addressing unless `MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE` says
 * `virtual`. Without keys the SDK's own chain (profile, instance role) applies, as with boto3.
 *
 * @example
 * new S3Client(s3ClientOptions({ MLFLOW_S3_ENDPOINT_URL: "http://127.0.0.1:4568", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" }));
 */
export function s3ClientOptions(env: NodeJS.ProcessEnv): S3ClientConfig {
  const value = (name: string) => {
    const found = env[name];
    return found === undefined || found === "" ? undefined : found;
  };
  const endpoint = value("MLFLOW_S3_ENDPOINT_URL");
  const addressing = value("MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE")?.toLowerCase();
  const accessKeyId = value("AWS_ACCESS_KEY_ID");
  const secretAccessKey = value("AWS_SECRET_ACCESS_KEY");
  const sessionToken = value("AWS_SESSION_TOKEN");
  return {
    region: value("AWS_DEFAULT_REGION") ?? value("AWS_REGION") ?? "us-east-1",
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: addressing === "path" || (endpoint !== undefined && addressing !== "virtual"),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } : {}),
    // Checksums only where S3 requires them: a presigned part URL must not demand a checksum
    // header the client (MLflow's, which PUTs plain bytes) never sends, and S3-compatible
    // servers vary in what they accept.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  };
}
