import { describe, expect, it } from "vitest";
import { s3ClientOptions } from "../src/s3/s3-client-options.js";

describe("s3ClientOptions", () => {
  it("reads MLflow's variables and addresses S3-compatible servers by path", () => {
    const options = s3ClientOptions({
      MLFLOW_S3_ENDPOINT_URL: "http://127.0.0.1:9000",
      AWS_ACCESS_KEY_ID: "id",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_DEFAULT_REGION: "eu-west-1",
    });
    expect(options).toMatchObject({
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
  });

  it("uses virtual hosts on AWS itself and the SDK's credential chain without keys", () => {
    const options = s3ClientOptions({ AWS_REGION: "us-west-2" });
    expect(options.forcePathStyle).toBe(false);
    expect(options.region).toBe("us-west-2");
    expect(options.credentials).toBeUndefined();
    expect(s3ClientOptions({ MLFLOW_S3_ENDPOINT_URL: "http://x", MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: "virtual" }).forcePathStyle).toBe(
      false,
    );
  });
});
