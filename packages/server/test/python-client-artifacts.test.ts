import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseErrors, RESPONSES } from "./proto-parse.js";
import { PythonRest } from "./python-requests.js";
import { startTestServer, type TestServer } from "./test-server.js";

const PROXY = "/api/2.0/mlflow-artifacts/artifacts";

/**
 * `mlflow.log_artifact(s)`, `log_dict`, `log_text`, `log_figure`, `list_artifacts` and
 * `download_artifacts` as the Python client sends them for a run whose artifact URI is
 * `mlflow-artifacts:/…`: MlflowArtifactsRepository (mlflow/store/artifact/mlflow_artifacts_repo.py)
 * resolves it to `<tracking uri>/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts`, and
 * HttpArtifactRepository (http_artifact_repo.py) PUTs each file with the MIME type guessed from
 * its name, lists with `GET …/artifacts?path=<root>/<dir>` and downloads with a streamed GET.
 */
describe("the Python mlflow client's artifact calls", () => {
  let server: TestServer;
  let py: PythonRest;
  let root = "";

  /** `HttpArtifactRepository.list_artifacts(path)`: what the client makes of the listing. */
  async function listArtifacts(path?: string): Promise<Array<{ path: string; is_dir: boolean; file_size: number | null }>> {
    const response = await py.get(PROXY, { path: path ? `${root}/${path}` : root });
    // augmented_raise_for_status: any non-2xx fails the call.
    expect(response.status, response.text).toBe(200);
    const files = (response.json["files"] as Array<Record<string, unknown>> | undefined) ?? [];
    const infos = files.map((f) => {
      // f["path"] and f["is_dir"] are indexed, so both must be present; the path is a base name.
      expect(f).toHaveProperty("path");
      expect(f).toHaveProperty("is_dir");
      expect(f["path"]).not.toContain("/");
      return {
        path: path ? `${path}/${f["path"] as string}` : (f["path"] as string),
        is_dir: f["is_dir"] as boolean,
        file_size: "file_size" in f ? Number(f["file_size"]) : null,
      };
    });
    return infos.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** `ArtifactRepository.download_artifacts`: a path that lists as non-empty is a directory. */
  async function download(path: string, into: Map<string, string>): Promise<void> {
    const listing = await listArtifacts(path);
    if (listing.length === 0) {
      const response = await py.raw("GET", `${PROXY}/${root}/${path}`);
      expect(response.status, response.text).toBe(200);
      into.set(path, response.text);
      return;
    }
    for (const entry of listing) await download(entry.path, into);
  }

  beforeAll(async () => {
    server = await startTestServer();
    py = new PythonRest(server.url);
    const created = await py.post("/api/2.0/mlflow/runs/create", {
      experiment_id: "0",
      user_id: "alice",
      start_time: 1700000000000,
      tags: [{ key: "mlflow.user", value: "alice" }],
    });
    const artifactUri = (created.json["run"] as { info: { artifact_uri: string } }).info.artifact_uri;
    // MlflowArtifactsRepository.resolve_uri keeps the path after the scheme.
    expect(artifactUri).toMatch(/^mlflow-artifacts:\//);
    root = artifactUri.replace(/^mlflow-artifacts:\/+/, "");
  });
  afterAll(() => server.close());

  it("log_artifact / log_text / log_dict / log_figure: PUT with the guessed MIME type, answered {}", async () => {
    const uploads: Array<[string, string, string]> = [
      ["notes.txt", "text/plain", "hello"],
      ["config/params.json", "application/json", '{"lr": 0.01}'],
      ["config/params.yaml", "application/x-yaml", "lr: 0.01\n"],
      ["plots/loss.png", "image/png", "\u0089PNG fake"],
      ["model/MLmodel", "application/octet-stream", "flavors: {}\n"],
      ["model/data/weights.bin", "application/octet-stream", "\u0000\u0001\u0002"],
      ["my notes é.txt", "text/plain", "accented name"],
      ["eval results/confusion matrix+1.csv", "text/csv", "a,b\n"],
    ];
    for (const [path, mime, content] of uploads) {
      const response = await py.put(`${PROXY}/${root}/${path}`, Buffer.from(content, "latin1"), mime);
      expect(response.status, `${path}: ${response.text}`).toBe(200);
      expect(response.json).toEqual({});
    }
  });

  it("an empty file goes chunked with no Content-Length, and is stored empty", async () => {
    const response = await py.put(`${PROXY}/${root}/empty.txt`, Buffer.alloc(0), "text/plain");
    expect(response.status, response.text).toBe(200);
    const listing = await listArtifacts();
    expect(listing.find((f) => f.path === "empty.txt")).toEqual({ path: "empty.txt", is_dir: false, file_size: 0 });
  });

  it("list_artifacts: base names, is_dir always present, sizes for files only", async () => {
    expect(await listArtifacts()).toEqual([
      { path: "config", is_dir: true, file_size: null },
      { path: "empty.txt", is_dir: false, file_size: 0 },
      { path: "eval results", is_dir: true, file_size: null },
      { path: "model", is_dir: true, file_size: null },
      { path: "my notes é.txt", is_dir: false, file_size: 13 },
      { path: "notes.txt", is_dir: false, file_size: 5 },
      { path: "plots", is_dir: true, file_size: null },
    ]);
    // urlencode writes the space of the folder as '+' and the file's '+' as %2B.
    expect(await listArtifacts("eval results")).toEqual([{ path: "eval results/confusion matrix+1.csv", is_dir: false, file_size: 4 }]);
    expect(await listArtifacts("model")).toEqual([
      { path: "model/MLmodel", is_dir: false, file_size: 12 },
      { path: "model/data", is_dir: true, file_size: null },
    ]);
  });

  it("list_artifacts of a missing folder or of a file is an empty listing, so download treats it as a file", async () => {
    expect(await listArtifacts("does-not-exist")).toEqual([]);
    // ArtifactRepository._is_directory lists the path: a file must not list as itself.
    expect(await listArtifacts("notes.txt")).toEqual([]);
  });

  it("download_artifacts: a file, and a folder walked through listings", async () => {
    const file = await py.raw("GET", `${PROXY}/${root}/my notes é.txt`);
    expect(file.status).toBe(200);
    expect(file.text).toBe("accented name");
    const files = new Map<string, string>();
    await download("config", files);
    expect(Object.fromEntries(files)).toEqual({ "config/params.json": '{"lr": 0.01}', "config/params.yaml": "lr: 0.01\n" });
    const missing = await py.raw("GET", `${PROXY}/${root}/nope.txt`);
    expect(missing.status).toBe(404);
  });

  it("MlflowClient.list_artifacts on older clients and the Java/R clients: /mlflow/artifacts/list", async () => {
    const runId = root.split("/")[1] as string;
    const response = await py.get("/api/2.0/mlflow/artifacts/list", { run_id: runId, path: "model" });
    expect(response.status).toBe(200);
    expect(parseErrors(RESPONSES.listArtifacts, response.json)).toEqual([]);
    expect(response.json["files"]).toEqual([
      { path: "model/MLmodel", is_dir: false, file_size: 12 },
      { path: "model/data", is_dir: true },
    ]);
  });

  it("re-logging a checkpoint under the same name replaces it, as MLflow's local repository does", async () => {
    expect((await py.put(`${PROXY}/${root}/ckpt/model.pt`, Buffer.from("epoch 1"), "application/octet-stream")).status).toBe(200);
    expect((await py.put(`${PROXY}/${root}/ckpt/model.pt`, Buffer.from("epoch 2!"), "application/octet-stream")).status).toBe(200);
    expect((await py.raw("GET", `${PROXY}/${root}/ckpt/model.pt`)).text).toBe("epoch 2!");
    expect(await listArtifacts("ckpt")).toEqual([{ path: "ckpt/model.pt", is_dir: false, file_size: 8 }]);
  });

  it("delete_artifacts: DELETE on the proxy path", async () => {
    const response = await py.raw("DELETE", `${PROXY}/${root}/plots/loss.png`);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({});
    expect(await listArtifacts("plots")).toEqual([]);
    // A folder goes with everything in it.
    expect((await py.raw("DELETE", `${PROXY}/${root}/ckpt`)).status).toBe(200);
    expect((await listArtifacts()).map((f) => f.path)).not.toContain("ckpt");
  });

  it("MLflow 3's capability probe and presigned download: nothing claimed, so the client streams through the proxy", async () => {
    // mlflow_artifacts_repo._fetch_server_capabilities: GET /api/3.0/mlflow/server-info; anything
    // but a 200 with multipart_*_enabled true keeps uploads and downloads on the proxy.
    const info = await py.get("/api/3.0/mlflow/server-info");
    if (info.status === 200) {
      expect(info.json["multipart_uploads_enabled"] ?? false).toBe(false);
      expect(info.json["multipart_downloads_enabled"] ?? false).toBe(false);
    }
    // With MLFLOW_ENABLE_PROXY_MULTIPART_DOWNLOAD forced, a 501 or 404 here means "fall back".
    const presigned = await py.get(`/api/2.0/mlflow-artifacts/presigned/${root}/notes.txt`);
    expect([404, 501]).toContain(presigned.status);
  });
});
