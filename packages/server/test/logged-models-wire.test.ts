import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
type Json = Record<string, unknown>;

/**
 * The logged-model endpoints exactly as the MLflow 3.x Python client's `RestStore` calls them
 * (method, path with the model id, body or none), and the JSON that comes back, then the whole
 * `mlflow.<flavor>.log_model` → register → `models:/name@alias` download walk over REST.
 */
describe("logged models on the wire", () => {
  let server: TestServer;
  let experimentId = "";
  let runId = "";

  beforeAll(async () => {
    server = await startTestServer();
    experimentId = (await server.post(`${API}/experiments/create`, { name: "wire-lm" })).json["experiment_id"] as string;
    runId = ((await server.post(`${API}/runs/create`, { experiment_id: experimentId })).json["run"] as { info: { run_id: string } }).info
      .run_id;
  });
  afterAll(() => server.close());

  const create = async (body: Json = {}) => {
    const reply = await server.post(`${API}/logged-models`, { experiment_id: experimentId, source_run_id: runId, ...body });
    expect(reply.status).toBe(200);
    return (reply.json["model"] as { info: Json }).info["model_id"] as string;
  };

  it("creates with the client's body and answers MLflow's JSON shape", async () => {
    const reply = await server.post(`${API}/logged-models`, {
      experiment_id: experimentId,
      name: "model",
      model_type: "sklearn",
      source_run_id: runId,
      params: [{ key: "alpha", value: "0.5" }],
      tags: [{ key: "mlflow.user", value: "me" }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("application/json");
    const model = reply.json["model"] as { info: Json; data: Json };
    const id = model.info["model_id"] as string;
    expect(model.info).toEqual({
      model_id: id,
      experiment_id: experimentId,
      name: "model",
      creation_timestamp_ms: expect.any(Number),
      last_updated_timestamp_ms: expect.any(Number),
      artifact_uri: `mlflow-artifacts:/${experimentId}/models/${id}/artifacts`,
      status: "LOGGED_MODEL_PENDING",
      model_type: "sklearn",
      source_run_id: runId,
      tags: [{ key: "mlflow.user", value: "me" }],
    });
    // Empty lists are omitted, as protobuf's MessageToJson omits them.
    expect(model.data).toEqual({ params: [{ key: "alpha", value: "0.5" }] });
  });

  it("serves get (no query), finalize (PATCH), tags, params and delete at the client's paths and both prefixes", async () => {
    const id = await create({ name: "paths" });
    const got = await call(server, "GET", `${API}/logged-models/${id}`);
    expect(got.status).toBe(200);
    expect((got.json["model"] as { info: Json }).info["model_id"]).toBe(id);
    const ajax = await call(server, "GET", `/ajax-api/2.0/mlflow/logged-models/${id}`);
    expect(ajax.json).toEqual(got.json);

    const finalized = await call(server, "PATCH", `${API}/logged-models/${id}`, { model_id: id, status: "LOGGED_MODEL_READY" });
    expect(finalized.status).toBe(200);
    expect((finalized.json["model"] as { info: Json }).info["status"]).toBe("LOGGED_MODEL_READY");
    // The enum's number works too (proto JSON accepts either).
    const failed = await call(server, "PATCH", `${API}/logged-models/${id}`, { status: 3 });
    expect((failed.json["model"] as { info: Json }).info["status"]).toBe("LOGGED_MODEL_UPLOAD_FAILED");

    expect(
      (
        await call(server, "PATCH", `${API}/logged-models/${id}/tags`, {
          tags: [
            { key: "a/b", value: "1" },
            { key: "c", value: "2" },
          ],
        })
      ).json,
    ).toEqual({});
    // The client puts the key in the path; a '/' in it arrives percent-encoded.
    const deleted = await call(server, "DELETE", `${API}/logged-models/${id}/tags/${encodeURIComponent("a/b")}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({});
    expect(
      (await call(server, "POST", `${API}/logged-models/${id}/params`, { model_id: id, params: [{ key: "lr", value: "0.1" }] })).json,
    ).toEqual({});
    const read = (await call(server, "GET", `${API}/logged-models/${id}`)).json["model"] as { info: Json; data: Json };
    expect(read.info["tags"]).toEqual([{ key: "c", value: "2" }]);
    expect(read.data["params"]).toEqual([{ key: "lr", value: "0.1" }]);

    expect((await call(server, "DELETE", `${API}/logged-models/${id}`, { model_id: id })).json).toEqual({});
    const gone = await call(server, "GET", `${API}/logged-models/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `Logged model with ID '${id}' not found.` });
  });

  it("searches with structured order_by objects and pages with MLflow's token", async () => {
    const experiment = (await server.post(`${API}/experiments/create`, { name: "wire-lm-search" })).json["experiment_id"] as string;
    const ids: string[] = [];
    for (const name of ["s1", "s2", "s3"]) {
      const reply = await server.post(`${API}/logged-models`, { experiment_id: experiment, name });
      ids.push(((reply.json["model"] as { info: Json }).info["model_id"] as string) ?? "");
    }
    const body = {
      experiment_ids: [experiment],
      filter: "name LIKE 's%'",
      max_results: 2,
      order_by: [{ field_name: "name", ascending: false }],
    };
    const first = await server.post(`${API}/logged-models/search`, body);
    expect(first.status).toBe(200);
    const names = (reply: { json: Json }) => (reply.json["models"] as Array<{ info: Json }>).map((model) => model.info["name"]);
    expect(names(first)).toEqual(["s3", "s2"]);
    const token = first.json["next_page_token"] as string;
    const second = await server.post(`${API}/logged-models/search`, { ...body, page_token: token });
    expect(names(second)).toEqual(["s1"]);
    expect(second.json["next_page_token"]).toBeUndefined();
  });

  it("logs metrics, inputs and outputs with model ids as the 3.x client sends them", async () => {
    const id = await create({ name: "linked" });
    expect(
      (
        await server.post(`${API}/runs/log-metric`, {
          run_id: runId,
          key: "acc",
          value: 0.9,
          timestamp: 1700000000000,
          step: 2,
          model_id: id,
          dataset_name: "eval",
          dataset_digest: "abc123",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await server.post(`${API}/runs/log-batch`, {
          run_id: runId,
          metrics: [{ key: "loss", value: "NaN", timestamp: 1700000000001, step: 2, model_id: id }],
        })
      ).status,
    ).toBe(200);
    const history = await server.get(`${API}/metrics/get-history?run_id=${runId}&metric_key=acc`);
    expect(history.json["metrics"]).toEqual([
      { key: "acc", value: 0.9, timestamp: 1700000000000, step: 2, model_id: id, dataset_name: "eval", dataset_digest: "abc123" },
    ]);
    const model = (await call(server, "GET", `${API}/logged-models/${id}`)).json["model"] as { data: { metrics: Json[] } };
    expect(model.data.metrics).toEqual([
      {
        key: "acc",
        value: 0.9,
        timestamp: 1700000000000,
        step: 2,
        run_id: runId,
        model_id: id,
        dataset_name: "eval",
        dataset_digest: "abc123",
      },
      { key: "loss", value: "NaN", timestamp: 1700000000001, step: 2, run_id: runId, model_id: id },
    ]);
    expect((await server.post(`${API}/runs/log-inputs`, { run_id: runId, models: [{ model_id: id }] })).status).toBe(200);
    expect((await server.post(`${API}/runs/outputs`, { run_id: runId, models: [{ model_id: id, step: 2 }] })).status).toBe(200);
    const run = (await server.get(`${API}/runs/get?run_id=${runId}`)).json["run"] as Json;
    expect((run["inputs"] as Json)["model_inputs"]).toContainEqual({ model_id: id });
    expect((run["outputs"] as Json)["model_outputs"]).toContainEqual({ model_id: id, step: 2 });
  });

  it("walks MLflow 3's log_model, search, register and models:/name@alias download over REST", async () => {
    // log_model: create the logged model, upload its files through the proxy, link it, finalize.
    const created = await server.post(`${API}/logged-models`, {
      experiment_id: experimentId,
      name: "clf",
      source_run_id: runId,
      params: [{ key: "C", value: "1.0" }],
    });
    const info = (created.json["model"] as { info: Json }).info;
    const id = info["model_id"] as string;
    const artifactUri = info["artifact_uri"] as string;
    const proxied = artifactUri.replace(/^mlflow-artifacts:\//, "");
    // Every response body is read, so no connection is left busy when the server closes.
    const put = async (file: string, body: string) => {
      const response = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${proxied}/${file}`, { method: "PUT", body });
      await response.text();
      return response;
    };
    expect((await put("MLmodel", `artifact_path: clf\nmodel_id: ${id}\nflavors: {}\n`)).status).toBe(200);
    expect((await put("model.pkl", "weights")).status).toBe(200);
    expect((await server.post(`${API}/runs/outputs`, { run_id: runId, models: [{ model_id: id, step: 0 }] })).status).toBe(200);
    const ready = await call(server, "PATCH", `${API}/logged-models/${id}`, { model_id: id, status: "LOGGED_MODEL_READY" });
    expect((ready.json["model"] as { info: Json }).info["status"]).toBe("LOGGED_MODEL_READY");

    // The UI's listing and download of the model's files.
    const listing = await call(server, "GET", `${API}/logged-models/${id}/artifacts/directories`);
    expect(listing.json).toEqual({
      root_uri: artifactUri,
      files: [
        { path: "MLmodel", is_dir: false, file_size: expect.any(Number) },
        { path: "model.pkl", is_dir: false, file_size: 7 },
      ],
    });
    const file = await fetch(`${server.url}/ajax-api/2.0/mlflow/logged-models/${id}/artifacts/files?artifact_file_path=model.pkl`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("weights");
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="model.pkl"');
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");

    // Evaluation metrics logged against the model, then found by search.
    await server.post(`${API}/runs/log-batch`, {
      run_id: runId,
      metrics: [{ key: "f1", value: 0.93, timestamp: Date.now(), step: 0, model_id: id, dataset_name: "test", dataset_digest: "d" }],
    });
    const found = await server.post(`${API}/logged-models/search`, {
      experiment_ids: [experimentId],
      filter: "metrics.f1 > 0.9 AND params.C = '1.0'",
      datasets: [{ dataset_name: "test" }],
      order_by: [{ field_name: "metrics.f1", ascending: false, dataset_name: "test" }],
      max_results: 10,
    });
    expect((found.json["models"] as Array<{ info: Json }>).map((model) => model.info["model_id"])).toEqual([id]);

    // register_model("models:/<model_id>", "fraud"), then an alias.
    expect((await server.post(`${API}/registered-models/create`, { name: "fraud" })).status).toBe(200);
    const version = await server.post(`${API}/model-versions/create`, { name: "fraud", source: `models:/${id}`, model_id: id });
    expect(version.status).toBe(200);
    expect(version.json["model_version"]).toMatchObject({ version: "1", source: `models:/${id}`, run_id: runId, model_id: id });
    await server.post(`${API}/registered-models/alias`, { name: "fraud", alias: "champion", version: "1" });
    const registered = (await call(server, "GET", `${API}/logged-models/${id}`)).json["model"] as { info: Json };
    expect(registered.info["registrations"]).toEqual([{ name: "fraud", version: "1" }]);
    expect(registered.info["tags"]).toContainEqual({ key: "mlflow.modelVersions", value: '[{"name": "fraud", "version": 1}]' });

    // load_model("models:/fraud@champion"): alias → version → download URI → proxy listing and files.
    const byAlias = await server.get(`${API}/registered-models/alias?name=fraud&alias=champion`);
    expect((byAlias.json["model_version"] as Json)["version"]).toBe("1");
    const uri = await server.get(`${API}/model-versions/get-download-uri?name=fraud&version=1`);
    expect(uri.json).toEqual({ artifact_uri: artifactUri });
    const files = await server.get(`/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(proxied)}`);
    expect((files.json["files"] as Json[]).map((entry) => entry["path"])).toEqual(["MLmodel", "model.pkl"]);
    const mlmodel = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${proxied}/MLmodel`);
    expect(await mlmodel.text()).toContain(`model_id: ${id}`);
    const viaRegistry = await fetch(`${server.url}/model-versions/get-artifact?name=fraud&version=1&path=model.pkl`);
    expect(await viaRegistry.text()).toBe("weights");
  });
});
