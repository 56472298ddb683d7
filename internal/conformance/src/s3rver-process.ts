import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** A running s3rver: its endpoint, the environment an S3 client needs, and how to stop it. */
export interface S3rverProcess {
  endpoint: string;
  /** MLflow's variables pointing at this server: endpoint, keys, region. */
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  /** What s3rver printed; with `log` one line per request (`/key?query status`). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver (an S3-compatible server) on 127.0.0.1 with the given buckets, in its own
 * process and data folder. It runs with `--openssl-legacy-provider`: s3rver encrypts list
 * continuation tokens with DES, which OpenSSL 3 refuses otherwise, and paged ListObjectsV2
 * would answer 500.
 *
 * @example
 * const s3 = await startS3rver(["artifacts"]);
 * const repository = await openArtifactRepository("s3://artifacts/root", { env: s3.env });
 */
export async function startS3rver(buckets: string[], options: { log?: boolean } = {}): Promise<S3rverProcess> {
  const bin = createRequire(import.meta.url).resolve("s3rver/bin/s3rver.js");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-s3rver-"));
  const args = ["--openssl-legacy-provider", bin, "-d", directory, "-a", "127.0.0.1", "-p", "0"];
  if (!options.log) args.push("--silent");
  for (const bucket of buckets) args.push("--configure-bucket", bucket);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+):(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://${match[1]}:${match[2]}`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with ${code}:\n${output}`));
    });
  });
  return {
    endpoint,
    env: {
      MLFLOW_S3_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_DEFAULT_REGION: "us-east-1",
    },
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
