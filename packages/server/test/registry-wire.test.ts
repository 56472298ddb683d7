import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
type Json = Record<string, unknown>;

/**
 * The registry on the wire, called the way MLflow's Python `RestStore` calls it (mlflow-wire.md
 * §1.1, §1.3): first endpoint of each rpc, GET with repeated query keys, JSON bodies on
 * POST/PATCH/DELETE, and the client-side resolution of `models:/` URIs down to the bytes.
 */
describe("registry wire format", () => {
  let server: TestServer;
  let runId = "";
  let artifactUri = "";

  beforeAll(async () => {
    server = await startTestServer();
    const run = await server.post(`${API}/runs/create`, { experiment_id: "0" });
    const info = (run.json["run"] as { info: { run_id: string; artifact_uri: string } }).info;
    runId = info.run_id;
    artifactUri = info.artifact_uri;
    const stored = artifactUri.replace(/^mlflow-artifacts:\//, "");
    const put = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${stored}/model/MLmodel`, {
      method: "PUT",
      body: "flavors:\n  python_function: {}\n",
    });
    expect(put.status).toBe(200);
    await server.post(`${API}/registered-models/create`, { name: "wire-model", tags: [{ key: "team", value: "risk" }] });
    for (let i = 0; i < 3; i++) {
      const created = await server.post(`${API}/model-versions/create`, {
        name: "wire-model",
        source: `runs:/${runId}/model`,
        run_id: runId,
      });
      expect(created.status).toBe(200);
    }
  });
  afterAll(() => server.close());

  it("serves registry rpcs at /api/2.0 and /ajax-api/2.0 with versions as strings and int64 as numbers", async () => {
    const api = await server.get(`${API}/registered-models/get?name=wire-model`);
    const ajax = await server.get(`/ajax-api/2.0/mlflow/registered-models/get?name=wire-model`);
    expect(api.status).toBe(200);
    expect(ajax.json).toEqual(api.json);
    const model = api.json["registered_model"] as Json;
    expect(model["name"]).toBe("wire-model");
    expect(typeof model["creation_timestamp"]).toBe("number");
    expect(model["latest_versions"]).toEqual([expect.objectContaining({ version: "3", current_stage: "None", status: "READY" })]);
    // Unset fields and empty lists are omitted, as protobuf's MessageToJson does.
    expect(model).not.toHaveProperty("aliases");
    expect(model).not.toHaveProperty("description");
  });

  it("answers get-latest-versions to POST (the client's first endpoint) and to GET with repeated stages", async () => {
    await call(server, "POST", `${API}/model-versions/transition-stage`, {
      name: "wire-model",
      version: "1",
      stage: "Production",
      archive_existing_versions: false,
    });
    const post = await server.post(`${API}/registered-models/get-latest-versions`, { name: "wire-model", stages: ["production"] });
    expect((post.json["model_versions"] as Json[]).map((v) => v["version"])).toEqual(["1"]);
    const get = await server.get(`${API}/registered-models/get-latest-versions?name=wire-model&stages=Production&stages=None`);
    expect((get.json["model_versions"] as Json[]).map((v) => v["version"]).sort()).toEqual(["1", "3"]);
    // models:/name/latest: the client asks for every stage and takes the highest.
    const all = await server.post(`${API}/registered-models/get-latest-versions`, { name: "wire-model" });
    expect(Math.max(...(all.json["model_versions"] as Json[]).map((v) => Number(v["version"])))).toBe(3);
  });

  it("reads search-model-versions from a GET query with repeated order_by keys", async () => {
    const filter = encodeURIComponent("name = 'wire-model'");
    const found = await server.get(
      `${API}/model-versions/search?filter=${filter}&max_results=2&order_by=version_number%20ASC&order_by=creation_timestamp`,
    );
    expect(found.status).toBe(200);
    expect((found.json["model_versions"] as Json[]).map((v) => v["version"])).toEqual(["1", "2"]);
    expect(typeof found.json["next_page_token"]).toBe("string");
    const models = await server.get(`${API}/registered-models/search?filter=${encodeURIComponent("tags.team = 'risk'")}`);
    expect((models.json["registered_models"] as Json[]).map((m) => m["name"])).toEqual(["wire-model"]);
  });

  it("serves POST, GET and DELETE on registered-models/alias, DELETE with a JSON body", async () => {
    const set = await server.post(`${API}/registered-models/alias`, { name: "wire-model", alias: "champion", version: "2" });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({});
    const got = await server.get(`${API}/registered-models/alias?name=wire-model&alias=champion`);
    expect(got.json["model_version"]).toMatchObject({ version: "2", aliases: ["champion"] });
    const removed = await call(server, "DELETE", `${API}/registered-models/alias`, { name: "wire-model", alias: "champion" });
    expect(removed.status).toBe(200);
    const gone = await server.get(`${API}/registered-models/alias?name=wire-model&alias=champion`);
    expect(gone.status).toBe(400);
    expect(gone.json).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Registered model alias champion not found." });
  });

  it("reads PATCH bodies (no content-type check, as in MLflow)", async () => {
    const patched = await call(server, "PATCH", `${API}/model-versions/update`, { name: "wire-model", version: "2", description: "d" });
    expect(patched.status).toBe(200);
    expect((patched.json["model_version"] as Json)["description"]).toBe("d");
    const model = await call(server, "PATCH", `${API}/registered-models/update`, { name: "wire-model", description: "m" });
    expect((model.json["registered_model"] as Json)["description"]).toBe("m");
  });

  it("downloads models:/name@alias the way the Python client does: alias → download URI → proxy", async () => {
    await server.post(`${API}/registered-models/alias`, { name: "wire-model", alias: "prod", version: "3" });
    const byAlias = await server.get(`${API}/registered-models/alias?name=wire-model&alias=prod`);
    const version = (byAlias.json["model_version"] as Json)["version"] as string;
    const uri = await server.get(`${API}/model-versions/get-download-uri?name=wire-model&version=${version}`);
    expect(uri.json).toEqual({ artifact_uri: `${artifactUri}/model` });
    const stored = (uri.json["artifact_uri"] as string).replace(/^mlflow-artifacts:\//, "");
    const listing = await server.get(`/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(stored)}`);
    expect(listing.json["files"]).toEqual([expect.objectContaining({ path: "MLmodel", is_dir: false })]);
    const file = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${stored}/MLmodel`);
    expect(await file.text()).toContain("python_function");
    // models:/name/3 resolves through get-model-version the same way.
    const byNumber = await server.get(`${API}/model-versions/get?name=wire-model&version=3`);
    expect((byNumber.json["model_version"] as Json)["source"]).toBe(`runs:/${runId}/model`);
  });

  it("streams a version's file from /model-versions/get-artifact and refuses traversal", async () => {
    for (const prefix of ["", "/ajax-api/2.0/mlflow"]) {
      const ok = await fetch(`${server.url}${prefix}/model-versions/get-artifact?name=wire-model&version=1&path=MLmodel`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-disposition")).toContain("attachment");
      expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await ok.text()).toContain("python_function");
    }
    for (const path of ["../../../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc", "/etc/passwd", "C:/x", "a#b", "a?b"]) {
      const refused = await server.get(`/model-versions/get-artifact?name=wire-model&version=1&path=${encodeURIComponent(path)}`);
      expect(refused.status, path).toBe(400);
      expect(refused.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    }
    const missing = await server.get(`/model-versions/get-artifact?name=wire-model&version=1&path=nope.txt`);
    expect(missing.status).toBe(404);
    await server.post(`${API}/model-versions/create`, { name: "wire-model", source: "s3://bucket/model" });
    const remote = await server.get(`/model-versions/get-artifact?name=wire-model&version=4&path=MLmodel`);
    expect(remote.status).toBe(400);
    const unknown = await server.get(`/model-versions/get-artifact?name=nope&version=1&path=MLmodel`);
    expect(unknown.json).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Model Version (name=nope, version=1) not found" });
  });

  it("soft-deletes a version through DELETE with a JSON body and hard-deletes a model", async () => {
    await server.post(`${API}/registered-models/create`, { name: "wire-gone" });
    await server.post(`${API}/model-versions/create`, { name: "wire-gone", source: "s3://bucket/model" });
    expect((await call(server, "DELETE", `${API}/model-versions/delete`, { name: "wire-gone", version: "1" })).status).toBe(200);
    const deleted = await server.get(`${API}/model-versions/get?name=wire-gone&version=1`);
    expect(deleted.status).toBe(404);
    expect(deleted.json["message"]).toBe("Model Version (name=wire-gone, version=1) not found");
    expect((await call(server, "DELETE", `${API}/registered-models/delete`, { name: "wire-gone" })).status).toBe(200);
    expect((await server.get(`${API}/registered-models/get?name=wire-gone`)).status).toBe(404);
  });
});
