import { S3Client } from "@aws-sdk/client-s3";
import { s3ClientOptions } from "./s3-client-options.js";

/** One client per configuration: each holds a connection pool, and runs' repositories are made per request. */
const clients = new Map<string, S3Client>();

/** The shared S3 client for the configuration `env` describes. */
export function sharedS3Client(env: NodeJS.ProcessEnv): S3Client {
  const options = s3ClientOptions(env);
  const key = JSON.stringify(options);
  let client = clients.get(key);
  if (!client) {
    client = new S3Client(options);
    clients.set(key, client);
  }
  return client;
}
