import { createHash } from "node:crypto";
import { HttpArtifactRepository, openArtifactRepository } from "@cairn/artifacts";
import { runArtifactRepositorySuite, type S3rverProcess, startS3rver } from "@cairn/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATH_ATTACKS, QUERY_PATH_ATTACKS, rawRequest } from "./path-attacks.js";
import { startTestServer, type TestServer } from "./test-server.js";

const PROXY = "/api/2.0/mlflow-artifacts/artifacts";

let s3: S3rverProcess | undefined;
let s3Server: TestServer | undefined;
let localServer: TestServer | undefined;

/** The proxy on S3 (s3rver), started once for every test in this file. */
async function proxyOnS3(): Promise<TestServer> {
  s3 ??= await startS3rver(["proxy", "runs"]);
  s3Server ??= await startTestServer({
    artifactRepository: await openArtifactRepository("s3://proxy/mlartifacts", { env: s3.env }),
    env: s3.env,
  });
  return s3Server;
}

afterAll(async () => {
  await s3Server?.close();
  await localServer?.close();
  await s3?.stop();
});

runArtifactRepositorySuite({
  name: "proxy (HTTP) → local",
  createRepository: async () => {
    localServer = await startTestServer();
    return new HttpArtifactRepository(`${localServer.url}${PROXY}`);
  },
});

runArtifactRepositorySuite({
  name: "proxy (HTTP) → s3",
  createRepository: async () => new HttpArtifactRepository(`${(await proxyOnS3()).url}${PROXY}`),
});

/** The calls MLflow's Python client makes (http_artifact_repo.py), reproduced byte for byte. */
describe("the Python client's artifact calls through an S3-backed proxy", () => {
  let server: TestServer;
  let run: { run_id: string; artifact_uri: string; experiment_id: string };
  let base = "";

  beforeAll(async () => {
    server = await proxyOnS3();
    run = ((await server.post("/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json["run"] as { info: typeof run }).info;
    // mlflow-artifacts:/0/<run>/artifacts → <tracking>/api/2.0/mlflow-artifacts/artifacts/0/<run>/artifacts
    base = `${PROXY}/${run.artifact_uri.replace(/^mlflow-artifacts:\/?/, "")}`;
  });

  it("log_artifact(s), list_artifacts and download_artifacts", async () => {
    // log_artifacts: one PUT per file with the guessed MIME type.
    for (const [name, type, body] of [
      ["model/MLmodel", "text/plain", "flavors: {}\n"],
      ["model/data/weights.bin", "application/octet-stream", "\u0000\u0001binary"],
      ["metrics.json", "application/json", "{}"],
    ] as const) {
      const put = await fetch(`${server.url}${base}/${name}`, { method: "PUT", body, headers: { "Content-Type": type } });
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({});
    }
    // list_artifacts: GET …/mlflow-artifacts/artifacts?path=<root>/<path>; base names back.
    const root = base.slice(PROXY.length + 1);
    const top = await server.get(`${PROXY}?path=${encodeURIComponent(root)}`);
    expect(top.json).toEqual({
      files: [
        { path: "metrics.json", is_dir: false, file_size: 2 },
        { path: "model", is_dir: true },
      ],
    });
    const model = await server.get(`${PROXY}?path=${encodeURIComponent(`${root}/model`)}`);
    expect(model.json["files"]).toEqual([
      { path: "MLmodel", is_dir: false, file_size: 12 },
      { path: "data", is_dir: true },
    ]);
    // download_artifacts: a streamed GET per file.
    const download = await fetch(`${server.url}${base}/model/data/weights.bin`);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="weights.bin"');
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await download.text()).toBe("\u0000\u0001binary");
    // The tracking API's listing of the same run reads the bucket too.
    const listed = await server.get(`/api/2.0/mlflow/artifacts/list?run_id=${run.run_id}&path=model`);
    expect(listed.json["files"]).toEqual([
      { path: "model/MLmodel", is_dir: false, file_size: 12 },
      { path: "model/data", is_dir: true },
    ]);
  });

  it("multipart upload as _try_multipart_upload does it: create, PUT parts to the store, complete", async () => {
    const partSize = 5 * 1024 * 1024;
    const file = Buffer.concat([Buffer.alloc(partSize, 7), Buffer.alloc(partSize, 8), Buffer.from("end")]);
    // The URL names the destination folder; `path` is the client's local file (only its base name counts).
    const create = await server.post(`/api/2.0/mlflow-artifacts/mpu/create/${root(base)}/big`, {
      path: "/home/user/outputs/big.bin",
      num_parts: 3,
    });
    expect(create.status).toBe(200);
    const { upload_id: uploadId, credentials } = create.json as {
      upload_id: string;
      credentials: { url: string; part_number: number; headers: Record<string, string> }[];
    };
    expect(credentials.map((c) => c.part_number)).toEqual([1, 2, 3]);
    const parts = [];
    for (const credential of credentials) {
      const start = (credential.part_number - 1) * partSize;
      const response = await fetch(credential.url, {
        method: "PUT",
        body: file.subarray(start, start + partSize),
        headers: credential.headers,
      });
      expect(response.status).toBe(200);
      parts.push({ part_number: credential.part_number, etag: response.headers.get("etag") ?? "" });
    }
    const complete = await server.post(`/api/2.0/mlflow-artifacts/mpu/complete/${root(base)}/big`, {
      path: "/home/user/outputs/big.bin",
      upload_id: uploadId,
      parts,
    });
    expect(complete.status).toBe(200);
    const downloaded = Buffer.from(await (await fetch(`${server.url}${base}/big/big.bin`)).arrayBuffer());
    expect(createHash("sha256").update(downloaded).digest("hex")).toBe(createHash("sha256").update(file).digest("hex"));
  });

  it("answers bad multipart requests with MLflow errors, never a 500", async () => {
    const folder = `/api/2.0/mlflow-artifacts/mpu`;
    const cases: [string, unknown, number, string][] = [
      [`${folder}/create/${root(base)}`, { num_parts: 2 }, 400, "INVALID_PARAMETER_VALUE"],
      [`${folder}/create/${root(base)}`, { path: "/tmp/..", num_parts: 2 }, 400, "INVALID_PARAMETER_VALUE"],
      [`${folder}/create/${root(base)}`, { path: "x.bin", num_parts: 0 }, 400, "INVALID_PARAMETER_VALUE"],
      [`${folder}/create/${root(base)}`, { path: "x.bin", num_parts: "many" }, 400, "INVALID_PARAMETER_VALUE"],
      [`${folder}/create/${root(base)}`, { path: "x.bin", num_parts: 20_000 }, 400, "INVALID_PARAMETER_VALUE"],
      [`${folder}/complete/${root(base)}`, { path: "x.bin", upload_id: "nope", parts: "x" }, 400, "INVALID_PARAMETER_VALUE"],
      [`${folder}/complete/${root(base)}`, { path: "x.bin", parts: [] }, 400, "INVALID_PARAMETER_VALUE"],
      [
        `${folder}/complete/${root(base)}`,
        { path: "x.bin", upload_id: "u", parts: [{ part_number: 0, etag: "e" }] },
        400,
        "INVALID_PARAMETER_VALUE",
      ],
      [`${folder}/abort/${root(base)}`, { path: "x.bin" }, 400, "INVALID_PARAMETER_VALUE"],
    ];
    for (const [route, body, status, code] of cases) {
      const response = await server.post(route, body);
      expect(response.status, `${route} ${JSON.stringify(body)}`).toBe(status);
      expect(response.json["error_code"]).toBe(code);
    }
    const traversal = await rawRequest(server.url, "POST", `${folder}/create/../../etc`, JSON.stringify({ path: "x", num_parts: 1 }));
    expect(traversal.status).toBe(400);
  });

  it("serves byte ranges from the bucket, 416 past the end", async () => {
    await fetch(`${server.url}${base}/digits.txt`, { method: "PUT", body: "0123456789" });
    const partial = await fetch(`${server.url}${base}/digits.txt`, { headers: { range: "bytes=3-5" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe("bytes 3-5/10");
    expect(partial.headers.get("content-length")).toBe("3");
    expect(await partial.text()).toBe("345");
    const suffix = await fetch(`${server.url}${base}/digits.txt`, { headers: { range: "bytes=-2" } });
    expect(await suffix.text()).toBe("89");
    const past = await fetch(`${server.url}${base}/digits.txt`, { headers: { range: "bytes=10-" } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */10");
    const ignored = await fetch(`${server.url}${base}/digits.txt`, { headers: { range: "bytes=0-1,4-5" } });
    expect(ignored.status).toBe(200);
    expect(await ignored.text()).toBe("0123456789");
  });

  it("hands out presigned download URLs (master's /mlflow-artifacts/presigned/<path>)", async () => {
    await fetch(`${server.url}${base}/presigned.txt`, { method: "PUT", body: "direct" });
    const presigned = await server.get(`/api/2.0/mlflow-artifacts/presigned/${root(base)}/presigned.txt`);
    expect(presigned.status).toBe(200);
    expect(presigned.json["file_size"]).toBe(6);
    expect(presigned.json["headers"]).toEqual({});
    expect(await (await fetch(String(presigned.json["url"]))).text()).toBe("direct");
    const missing = await server.get(`/api/2.0/mlflow-artifacts/presigned/${root(base)}/none.txt`);
    expect(missing.status).toBe(404);
    expect(missing.json["error_code"]).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it.each(PATH_ATTACKS)("refuses %s on PUT, GET, DELETE, presigned and mpu of the S3 proxy", async (attack) => {
    for (const [method, route] of [
      ["PUT", PROXY],
      ["GET", PROXY],
      ["DELETE", PROXY],
      ["GET", "/api/2.0/mlflow-artifacts/presigned"],
      ["POST", "/api/2.0/mlflow-artifacts/mpu/create"],
    ] as const) {
      const body = method === "PUT" ? "pwned" : method === "POST" ? JSON.stringify({ path: "x.bin", num_parts: 1 }) : undefined;
      const response = await rawRequest(server.url, method, `${route}/${attack}`, body);
      expect(response.status, `${method} ${route}/${attack}`).toBe(400);
    }
  });

  it.each(QUERY_PATH_ATTACKS)("refuses path=%s on the S3 proxy's listings", async (attack) => {
    const encoded = encodeURIComponent(attack);
    for (const route of [`${PROXY}?path=${encoded}`, `/api/2.0/mlflow/artifacts/list?run_id=${run.run_id}&path=${encoded}`]) {
      const response = await server.get(route);
      expect(response.status, route).toBe(400);
      expect(response.json).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Invalid path" });
    }
  });
});

describe("runs stored straight in S3 (--default-artifact-root s3://…)", () => {
  it("reads them through get-artifact and artifacts/list, and never fetches http(s) or gs locations", async () => {
    s3 ??= await startS3rver(["proxy", "runs"]);
    const server = await startTestServer({ defaultArtifactRoot: "s3://runs/direct", env: s3.env });
    try {
      const run = (
        (await server.post("/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json["run"] as {
          info: { run_id: string; artifact_uri: string };
        }
      ).info;
      expect(run.artifact_uri).toBe(`s3://runs/direct/0/${run.run_id}/artifacts`);
      // The client writes directly to the bucket…
      const repository = await openArtifactRepository(run.artifact_uri, { env: s3.env });
      await repository.write("model/MLmodel", (await import("node:stream")).Readable.from(["direct"]));
      // …and the server reads it back for the UI.
      const file = await fetch(`${server.url}/get-artifact?run_id=${run.run_id}&path=model/MLmodel`);
      expect(await file.text()).toBe("direct");
      const listed = await server.get(`/api/2.0/mlflow/artifacts/list?run_id=${run.run_id}`);
      expect(listed.json["files"]).toEqual([{ path: "model", is_dir: true }]);
      for (const location of ["http://169.254.169.254/latest", "https://example.com/x", "gs://bucket/x", "hdfs://nn/x"]) {
        const created = await server.post("/api/2.0/mlflow/experiments/create", {
          name: `remote-${location}`,
          artifact_location: location,
        });
        expect(created.status, location).toBe(200);
        const other = (
          (await server.post("/api/2.0/mlflow/runs/create", { experiment_id: created.json["experiment_id"] })).json["run"] as {
            info: { run_id: string };
          }
        ).info;
        const read = await server.get(`/api/2.0/mlflow/artifacts/list?run_id=${other.run_id}`);
        expect(read.status, location).toBe(501);
        expect(read.json["error_code"]).toBe("NOT_IMPLEMENTED");
      }
    } finally {
      await server.close();
    }
  });
});

/** `<exp>/<run>/artifacts` from a proxy route. */
function root(route: string): string {
  return route.slice(PROXY.length + 1);
}
