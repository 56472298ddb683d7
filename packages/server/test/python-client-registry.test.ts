import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Reply } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const PROXY = "/api/2.0/mlflow-artifacts/artifacts";
type Json = Record<string, unknown>;

/**
 * The model registry, MLflow 3 logged models and model loading exactly as the official Python
 * client (2.x and 3.x) drives them, one raw request per client call, asserting what the client
 * reads back. What each call sends comes from MLflow's source:
 *
 * - `mlflow/utils/rest_utils.py` `call_endpoint`: a GET turns the request message's JSON into
 *   `requests` params (lists as repeated keys, spaces as `+`, ints as text); every other method
 *   sends it as a JSON body, DELETE and PATCH included. A non-200 JSON body becomes
 *   `RestException(error_code, message)`.
 * - `mlflow/store/model_registry/rest_store.py` and `mlflow/store/tracking/rest_store.py`: the
 *   fields of each message (unset ones omitted by `message_to_json`).
 * - `mlflow/store/artifact/http_artifact_repo.py` and `artifact_repo.py`: list one level with
 *   `GET …/mlflow-artifacts/artifacts?path=`, recurse into directories, GET each file, PUT each
 *   file with its guessed MIME type.
 *
 * Error texts and shapes already pinned by registry-wire, registry-bad-input and
 * logged-models-wire are not repeated here.
 */

/** The query string `requests` builds from a params dict (urlencode with doseq). */
function pythonQuery(params: Json): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      query.append(key, typeof item === "boolean" ? (item ? "True" : "False") : String(item));
    }
  }
  return query.toString();
}

/** One `call_endpoint`: GET → query string from the message; anything else → JSON body. */
function rest(server: TestServer, method: string, path: string, message?: Json): Promise<Reply> {
  if (method === "GET") {
    const query = message ? pythonQuery(message) : "";
    return call(server, "GET", `${API}${path}${query ? `?${query}` : ""}`);
  }
  return call(server, method, `${API}${path}`, message ?? {});
}

/** `mlflow-artifacts:/<path>` → the proxy path MlflowArtifactsRepository resolves it to. */
const proxyRoot = (artifactUri: string) => {
  expect(artifactUri).toMatch(/^mlflow-artifacts:\//);
  return artifactUri.replace(/^mlflow-artifacts:\/+/, "");
};

/** `_guess_mime_type` (mlflow/utils/mime_type_utils.py): mimetypes, else octet-stream. */
const MIME: Record<string, string> = {
  json: "application/json",
  yaml: "application/x-yaml",
  txt: "text/plain",
};

/** HttpArtifactRepository.log_artifacts: one PUT per file, Content-Type from the file name. */
async function logArtifacts(server: TestServer, artifactUri: string, files: Record<string, string>): Promise<void> {
  for (const [path, body] of Object.entries(files)) {
    const extension = /\.([a-z]+)$/.exec(path)?.[1] ?? "";
    const response = await fetch(`${server.url}${PROXY}/${proxyRoot(artifactUri)}/${path}`, {
      method: "PUT",
      headers: { "Content-Type": MIME[extension] ?? "application/octet-stream" },
      body,
    });
    expect(response.status, path).toBe(200);
    expect(await response.json()).toEqual({});
  }
}

/** HttpArtifactRepository.list_artifacts: paths come back relative to the repository root. */
async function listArtifacts(server: TestServer, artifactUri: string, path = ""): Promise<Array<{ path: string; is_dir: boolean }>> {
  const root = proxyRoot(artifactUri);
  const reply = await server.get(`${PROXY}?${pythonQuery({ path: path ? `${root}/${path}` : root })}`);
  expect(reply.status).toBe(200);
  const files = (reply.json["files"] as Array<{ path: string; is_dir: boolean }> | undefined) ?? [];
  return files.map((file) => ({ path: path ? `${path}/${file.path}` : file.path, is_dir: file.is_dir }));
}

/**
 * ArtifactRepository.download_artifacts("") as the client runs it: the root is a directory when
 * its listing is not empty; directories are listed recursively and every file fetched.
 */
async function downloadArtifacts(server: TestServer, artifactUri: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (path: string) => {
    for (const entry of await listArtifacts(server, artifactUri, path)) {
      if (entry.is_dir) {
        await walk(entry.path);
        continue;
      }
      const response = await fetch(`${server.url}${PROXY}/${proxyRoot(artifactUri)}/${entry.path}`);
      expect(response.status, entry.path).toBe(200);
      files[entry.path] = await response.text();
    }
  };
  await walk("");
  return files;
}

/** What `flavor.save_model` writes for a small sklearn model (the files load_model reads back). */
const modelFiles = (modelId: string) => ({
  MLmodel: `artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n  sklearn:\n    pickled_model: model.pkl\nmodel_id: ${modelId}\n`,
  "model.pkl": "\u0080\u0004pickled-bytes",
  "conda.yaml": "dependencies:\n- python=3.11\n",
  "python_env.yaml": "python: 3.11\n",
  "requirements.txt": "mlflow==3.1.0\nscikit-learn\n",
  "input_example.json": '{"columns": ["a"], "data": [[1]]}',
  "metadata/MLmodel": "flavors: {}\n",
});

describe("the official Python client: registry, logged models and model loading", () => {
  let server: TestServer;
  let experimentId = "";
  let runId = "";
  let runArtifactUri = "";

  beforeAll(async () => {
    server = await startTestServer();
    experimentId = (await rest(server, "POST", "/experiments/create", { name: "py-registry" })).json["experiment_id"] as string;
    const run = await rest(server, "POST", "/runs/create", {
      experiment_id: experimentId,
      start_time: 1_700_000_000_000,
      tags: [{ key: "mlflow.user", value: "me" }],
    });
    const info = (run.json["run"] as { info: Json }).info;
    runId = info["run_id"] as string;
    runArtifactUri = info["artifact_uri"] as string;
    await rest(server, "POST", "/runs/log-parameter", { run_id: runId, run_uuid: runId, key: "C", value: "1.0" });
    await rest(server, "POST", "/runs/log-metric", {
      run_id: runId,
      run_uuid: runId,
      key: "acc",
      value: 0.91,
      timestamp: 1_700_000_000_001,
      step: 0,
    });
  });
  afterAll(() => server.close());

  /**
   * `Model.log` in MLflow 3 (mlflow/models/model.py) with `registered_model_name`, then
   * `_register_model("models:/<model_id>", …)` (mlflow/tracking/_model_registry/fluent.py).
   * Returns the logged model's id and artifact location.
   */
  const logModelMlflow3 = async (registeredName: string): Promise<{ modelId: string; artifactUri: string; version: string }> => {
    // params = {**params, **client.get_run(run_id).data.params}; GetRun sends run_uuid and run_id.
    const run = await rest(server, "GET", "/runs/get", { run_uuid: runId, run_id: runId });
    expect(run.status).toBe(200);
    const params = ((run.json["run"] as { data: { params?: Json[] } }).data.params ?? []).map((p) => ({
      key: p["key"],
      value: p["value"],
    }));
    // _create_logged_model → RestStore.create_logged_model (no model_type; source tags from the context).
    const created = await rest(server, "POST", "/logged-models", {
      experiment_id: experimentId,
      name: "model",
      source_run_id: runId,
      params,
      tags: [
        { key: "mlflow.source.name", value: "train.py" },
        { key: "mlflow.source.type", value: "LOCAL" },
        { key: "mlflow.user", value: "me" },
      ],
    });
    expect(created.status).toBe(200);
    const info = (created.json["model"] as { info: Json }).info;
    const modelId = info["model_id"] as string;
    const artifactUri = info["artifact_uri"] as string;
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(info["status"]).toBe("LOGGED_MODEL_PENDING");
    // client.log_outputs(run_id, [LoggedModelOutput(model_id, step)]).
    expect((await rest(server, "POST", "/runs/outputs", { run_id: runId, models: [{ model_id: modelId, step: 0 }] })).json).toEqual({});
    // log_model_metrics_for_step: the run's metrics at this step are copied onto the model.
    const keys = ((await rest(server, "GET", "/runs/get", { run_uuid: runId, run_id: runId })).json["run"] as { data: { metrics: Json[] } })
      .data.metrics;
    const metrics: Json[] = [];
    for (const key of keys.map((metric) => metric["key"] as string)) {
      const history = await rest(server, "GET", "/metrics/get-history", {
        run_uuid: runId,
        run_id: runId,
        metric_key: key,
        max_results: 25000,
      });
      for (const point of history.json["metrics"] as Json[]) {
        if (point["step"] === 0 && point["model_id"] === undefined) metrics.push({ ...point, model_id: modelId });
      }
    }
    expect(metrics).toHaveLength(1);
    expect((await rest(server, "POST", "/runs/log-batch", { run_id: runId, metrics })).status).toBe(200);
    // client.log_model_artifacts(model_id, local_path): get the location, PUT every file.
    const fetched = await call(server, "GET", `${API}/logged-models/${modelId}`);
    expect((fetched.json["model"] as { info: Json }).info["artifact_uri"]).toBe(artifactUri);
    await logArtifacts(server, artifactUri, modelFiles(modelId));
    // _use_logged_model: finalize_logged_model(model_id, READY) on leaving the block.
    const ready = await call(server, "PATCH", `${API}/logged-models/${modelId}`, { model_id: modelId, status: "LOGGED_MODEL_READY" });
    expect((ready.json["model"] as { info: Json }).info["status"]).toBe("LOGGED_MODEL_READY");

    // _register_model: create the registered model; RESOURCE_ALREADY_EXISTS means "add a version".
    const model = await rest(server, "POST", "/registered-models/create", { name: registeredName });
    expect([200, 400]).toContain(model.status);
    if (model.status === 400) expect(model.json["error_code"]).toBe("RESOURCE_ALREADY_EXISTS");
    // create_model_version(name, source="models:/<id>", model_id) with no run_id and no tags.
    const createdVersion = await rest(server, "POST", "/model-versions/create", {
      name: registeredName,
      source: `models:/${modelId}`,
      model_id: modelId,
    });
    expect(createdVersion.status).toBe(200);
    const version = createdVersion.json["model_version"] as Json;
    // _await_model_version_creation polls get-model-version only while PENDING_REGISTRATION.
    expect(version["status"]).toBe("READY");
    expect(version).toMatchObject({ name: registeredName, source: `models:/${modelId}`, model_id: modelId, run_id: runId });
    // Then the client appends {name, version} to the model's mlflow.modelVersions tag.
    const tagged = (await call(server, "GET", `${API}/logged-models/${modelId}`)).json["model"] as { info: { tags?: Json[] } };
    const existing = tagged.info.tags?.find((tag) => tag["key"] === "mlflow.modelVersions")?.["value"] as string | undefined;
    const value = JSON.stringify([
      ...(existing ? (JSON.parse(existing) as Json[]) : []),
      { name: registeredName, version: version["version"] },
    ]);
    const setTags = await call(server, "PATCH", `${API}/logged-models/${modelId}/tags`, { tags: [{ key: "mlflow.modelVersions", value }] });
    expect(setTags.json).toEqual({});
    return { modelId, artifactUri, version: version["version"] as string };
  };

  it("logs, registers, aliases and loads a model the MLflow 3 way: models:/name@alias, /1, /latest and models:/<id>", async () => {
    const first = await logModelMlflow3("py-fraud");
    const second = await logModelMlflow3("py-fraud");
    expect([first.version, second.version]).toEqual(["1", "2"]);
    const logged = (await call(server, "GET", `${API}/logged-models/${second.modelId}`)).json["model"] as { info: Json; data: Json };
    expect(logged.info["status"]).toBe("LOGGED_MODEL_READY");
    expect(logged.data["params"]).toEqual([{ key: "C", value: "1.0" }]);
    expect(logged.data["metrics"]).toEqual([expect.objectContaining({ key: "acc", value: 0.91, model_id: second.modelId, run_id: runId })]);

    // MlflowClient.set_registered_model_alias(name, "champion", "1").
    const alias = await rest(server, "POST", "/registered-models/alias", { name: "py-fraud", alias: "champion", version: "1" });
    expect(alias.json).toEqual({});
    // RegisteredModel.from_proto reads aliases as {alias, version} pairs.
    const registered = await rest(server, "GET", "/registered-models/get", { name: "py-fraud" });
    expect(registered.json["registered_model"]).toMatchObject({
      aliases: [{ alias: "champion", version: "1" }],
      latest_versions: [expect.objectContaining({ version: "2", current_stage: "None", model_id: second.modelId })],
    });

    // load_model("models:/py-fraud@champion"): get_model_name_and_version → get_model_version_by_alias
    // (mlflow/store/artifact/utils/models.py), then get_model_version_download_uri
    // (mlflow/store/artifact/models_artifact_repo.py), then download through the proxy.
    const byAlias = await rest(server, "GET", "/registered-models/alias", { name: "py-fraud", alias: "champion" });
    expect(byAlias.json["model_version"]).toMatchObject({ name: "py-fraud", version: "1", aliases: ["champion"], model_id: first.modelId });
    const uri = await rest(server, "GET", "/model-versions/get-download-uri", { name: "py-fraud", version: "1" });
    expect(uri.json).toEqual({ artifact_uri: first.artifactUri });
    expect(await downloadArtifacts(server, uri.json["artifact_uri"] as string)).toEqual(modelFiles(first.modelId));

    // load_model("models:/py-fraud/2"): _parse_model_id_if_present reads the version's model_id first.
    const byNumber = await rest(server, "GET", "/model-versions/get", { name: "py-fraud", version: "2" });
    expect((byNumber.json["model_version"] as Json)["model_id"]).toBe(second.modelId);
    const uri2 = await rest(server, "GET", "/model-versions/get-download-uri", { name: "py-fraud", version: "2" });
    expect(await downloadArtifacts(server, uri2.json["artifact_uri"] as string)).toEqual(modelFiles(second.modelId));

    // models:/py-fraud/latest: get_latest_versions(name, None) on its first endpoint (POST); max version.
    const latest = await rest(server, "POST", "/registered-models/get-latest-versions", { name: "py-fraud" });
    expect(Math.max(...(latest.json["model_versions"] as Json[]).map((v) => Number(v["version"])))).toBe(2);

    // models:/<model_id>: client.get_logged_model(model_id).artifact_location.
    const byId = await call(server, "GET", `${API}/logged-models/${first.modelId}`);
    expect((byId.json["model"] as { info: Json }).info["artifact_uri"]).toBe(first.artifactUri);

    // A listing of a single file is empty, so the client fetches the path as a file.
    expect(await listArtifacts(server, first.artifactUri, "MLmodel")).toEqual([]);
    // The server-side mlflow.modelVersions bookkeeping plus the client's own append both stay JSON.
    const tags = (byId.json["model"] as { info: { tags: Json[] } }).info.tags;
    const versions = JSON.parse(tags.find((tag) => tag["key"] === "mlflow.modelVersions")?.["value"] as string) as Json[];
    expect(versions.map((entry) => String(entry["version"]))).toContain("1");
    // registrations lists each version once, although the tag now names version 1 twice.
    expect((byId.json["model"] as { info: Json }).info["registrations"]).toEqual([{ name: "py-fraud", version: "1" }]);
  });

  it("resolves runs:/<run_id>/<name> to the run's logged model when the run has no such folder (MLflow 3)", async () => {
    const { modelId } = await logModelMlflow3("py-runs-uri");
    // RunsArtifactRepository.download_artifacts (mlflow/store/artifact/runs_artifact_repo.py):
    // the run's own folder is listed first and is empty, so a GET of it as a file fails …
    expect(await listArtifacts(server, runArtifactUri, "model")).toEqual([]);
    const missing = await fetch(`${server.url}${PROXY}/${proxyRoot(runArtifactUri)}/model`);
    expect(missing.status).toBe(404);
    await missing.text();
    // … then the run's logged models named "model" are searched (no max_results) and matched on source_run_id.
    const run = await rest(server, "GET", "/runs/get", { run_uuid: runId, run_id: runId });
    const experiment = ((run.json["run"] as { info: Json }).info["experiment_id"] as string) ?? "";
    const found = await rest(server, "POST", "/logged-models/search", { experiment_ids: [experiment], filter: "name = 'model'" });
    expect(found.status).toBe(200);
    const models = (found.json["models"] as Array<{ info: Json }>).filter((model) => model.info["source_run_id"] === runId);
    expect(models.map((model) => model.info["model_id"])).toContain(modelId);
    expect(found.json["next_page_token"]).toBeUndefined();
    const match = models.find((model) => model.info["model_id"] === modelId);
    expect(await downloadArtifacts(server, match?.info["artifact_uri"] as string)).toEqual(modelFiles(modelId));

    // register_model("runs:/<run_id>/model") resolves the same way (_get_logged_models_from_run in
    // mlflow/tracking/_model_registry/fluent.py) and sends the run, the model id and models:/<id>.
    const version = await rest(server, "POST", "/model-versions/create", {
      name: "py-runs-uri",
      source: `models:/${modelId}`,
      run_id: runId,
      model_id: modelId,
    });
    expect(version.json["model_version"]).toMatchObject({ version: "2", run_id: runId, model_id: modelId, status: "READY" });
    const uri = await rest(server, "GET", "/model-versions/get-download-uri", { name: "py-runs-uri", version: "2" });
    expect(uri.json).toEqual({ artifact_uri: match?.info["artifact_uri"] });
  });

  it("logs and registers a model the MLflow 2.x way: files under the run, log-model, source from runs:/", async () => {
    const run = await rest(server, "POST", "/runs/create", { experiment_id: experimentId, start_time: 1_700_000_000_000, tags: [] });
    const info = (run.json["run"] as { info: Json }).info;
    const id = info["run_id"] as string;
    const artifactUri = info["artifact_uri"] as string;
    // mlflow.sklearn.log_model(…, artifact_path="model"): log_artifacts(local_path, "model").
    const files = modelFiles("unused");
    await logArtifacts(server, artifactUri, Object.fromEntries(Object.entries(files).map(([path, body]) => [`model/${path}`, body])));
    // _record_logged_model: POST runs/log-model with the MLmodel dict as a JSON string.
    const modelJson = {
      run_id: id,
      artifact_path: "model",
      utc_time_created: "2025-01-01 00:00:00.000000",
      flavors: { python_function: { loader_module: "mlflow.sklearn" }, sklearn: { pickled_model: "model.pkl" } },
      model_uuid: "0123456789abcdef0123456789abcdef",
      mlflow_version: "2.17.0",
    };
    expect((await rest(server, "POST", "/runs/log-model", { run_id: id, model_json: JSON.stringify(modelJson) })).json).toEqual({});
    // _register_model("runs:/<id>/model"): the run's folder holds an MLmodel, so the source is
    // RunsArtifactRepository.get_underlying_uri, the run's artifact URI plus the path.
    expect(await listArtifacts(server, artifactUri, "model")).toContainEqual({ path: "model/MLmodel", is_dir: false });
    const source = `${artifactUri}/model`;
    expect((await rest(server, "POST", "/registered-models/create", { name: "py-legacy" })).status).toBe(200);
    const version = await rest(server, "POST", "/model-versions/create", { name: "py-legacy", source, run_id: id });
    expect(version.json["model_version"]).toMatchObject({ version: "1", source, run_id: id, status: "READY" });
    expect(version.json["model_version"]).not.toHaveProperty("model_id");

    // mlflow.pyfunc.load_model("models:/py-legacy/1") on a 2.x client: download URI → proxy.
    const uri = await rest(server, "GET", "/model-versions/get-download-uri", { name: "py-legacy", version: "1" });
    expect(uri.json).toEqual({ artifact_uri: source });
    expect(await downloadArtifacts(server, source)).toEqual(files);
    // The UI's registry download reads the same files through the version's location.
    const viaRegistry = await fetch(
      `${server.url}/model-versions/get-artifact?${pythonQuery({ name: "py-legacy", version: "1", path: "MLmodel" })}`,
    );
    expect(await viaRegistry.text()).toBe(files.MLmodel);
    // The run records the logged model in its history tag.
    const tags = ((await rest(server, "GET", "/runs/get", { run_uuid: id, run_id: id })).json["run"] as { data: { tags: Json[] } }).data
      .tags;
    const history = tags.find((tag) => tag["key"] === "mlflow.log-model.history")?.["value"] as string;
    expect(JSON.parse(history)).toEqual([expect.objectContaining({ artifact_path: "model", run_id: id })]);
  });

  it("answers MlflowClient's registry calls as the Python store reads them", async () => {
    // create_registered_model(name, tags, description): tags as a list, description set.
    const created = await rest(server, "POST", "/registered-models/create", {
      name: "py-client",
      tags: [{ key: "team", value: "risk" }],
      description: "first",
    });
    expect(created.json["registered_model"]).toMatchObject({
      name: "py-client",
      description: "first",
      tags: [{ key: "team", value: "risk" }],
    });
    for (let i = 0; i < 3; i++) {
      await rest(server, "POST", "/model-versions/create", {
        name: "py-client",
        source: "s3://bucket/py-client",
        tags: [{ key: "i", value: `${i}` }],
      });
    }

    // search_registered_models: the client appends the prompt-exclusion clause
    // (mlflow/prompt/registry_utils.py add_prompt_filter_string) and pages with max_results=100.
    const filter = (clause?: string) => [clause, "tag.`mlflow.prompt.is_prompt` != 'true'"].filter(Boolean).join(" AND ");
    await rest(server, "POST", "/registered-models/create", { name: "py-client-2" });
    const page1 = await rest(server, "GET", "/registered-models/search", { filter: filter("name LIKE 'py-client%'"), max_results: 1 });
    expect((page1.json["registered_models"] as Json[]).map((m) => m["name"])).toEqual(["py-client"]);
    const page2 = await rest(server, "GET", "/registered-models/search", {
      filter: filter("name LIKE 'py-client%'"),
      max_results: 1,
      page_token: page1.json["next_page_token"] as string,
    });
    expect((page2.json["registered_models"] as Json[]).map((m) => m["name"])).toEqual(["py-client-2"]);
    const all = await rest(server, "GET", "/registered-models/search", { filter: filter(), max_results: 100 });
    expect((all.json["registered_models"] as Json[]).map((m) => m["name"])).toEqual(
      expect.arrayContaining(["py-client", "py-client-2", "py-fraud", "py-legacy"]),
    );
    const byTag = await rest(server, "GET", "/registered-models/search", {
      filter: filter("tags.team = 'risk'"),
      max_results: 100,
      order_by: ["name ASC", "last_updated_timestamp DESC"],
    });
    expect((byTag.json["registered_models"] as Json[]).map((m) => m["name"])).toEqual(["py-client"]);

    // search_model_versions(filter, max_results=10000 by default, order_by) on GET.
    const versions = await rest(server, "GET", "/model-versions/search", {
      filter: "name = 'py-client' AND tags.i != '0'",
      max_results: 10000,
      order_by: ["version_number DESC"],
    });
    expect((versions.json["model_versions"] as Json[]).map((v) => v["version"])).toEqual(["3", "2"]);

    // update/rename/tags: PATCH and DELETE carry JSON bodies; set_*_tag answer {}.
    expect((await rest(server, "PATCH", "/registered-models/update", { name: "py-client", description: "second" })).json).toMatchObject({
      registered_model: { name: "py-client", description: "second" },
    });
    expect((await rest(server, "POST", "/registered-models/set-tag", { name: "py-client", key: "stage", value: "dev" })).json).toEqual({});
    expect((await rest(server, "DELETE", "/registered-models/delete-tag", { name: "py-client", key: "team" })).json).toEqual({});
    expect(
      (await rest(server, "POST", "/model-versions/set-tag", { name: "py-client", version: "2", key: "ok", value: "yes" })).json,
    ).toEqual({});
    expect((await rest(server, "DELETE", "/model-versions/delete-tag", { name: "py-client", version: "2", key: "i" })).json).toEqual({});
    const v2 = await rest(server, "GET", "/model-versions/get", { name: "py-client", version: "2" });
    expect((v2.json["model_version"] as Json)["tags"]).toEqual([{ key: "ok", value: "yes" }]);
    const patched = await rest(server, "PATCH", "/model-versions/update", { name: "py-client", version: "2", description: "v2" });
    expect((patched.json["model_version"] as Json)["description"]).toBe("v2");

    // transition_model_version_stage sends archive_existing_versions explicitly; get_latest_versions by stage.
    const staged = await rest(server, "POST", "/model-versions/transition-stage", {
      name: "py-client",
      version: "2",
      stage: "Staging",
      archive_existing_versions: true,
    });
    expect((staged.json["model_version"] as Json)["current_stage"]).toBe("Staging");
    const inStaging = await rest(server, "POST", "/registered-models/get-latest-versions", { name: "py-client", stages: ["Staging"] });
    expect((inStaging.json["model_versions"] as Json[]).map((v) => v["version"])).toEqual(["2"]);

    const renamed = await rest(server, "POST", "/registered-models/rename", { name: "py-client-2", new_name: "py-client-renamed" });
    expect((renamed.json["registered_model"] as Json)["name"]).toBe("py-client-renamed");
    const got = await rest(server, "GET", "/registered-models/get", { name: "py-client" });
    expect(got.json["registered_model"]).toMatchObject({
      description: "second",
      tags: [{ key: "stage", value: "dev" }],
      latest_versions: expect.arrayContaining([expect.objectContaining({ version: "2", current_stage: "Staging" })]),
    });

    // Deleting an aliased version drops the alias with it, as MLflow's store does.
    await rest(server, "POST", "/registered-models/alias", { name: "py-client", alias: "old", version: "3" });
    // delete_model_version / delete_registered_model: DELETE with a JSON body, {} back, then 404.
    expect((await rest(server, "DELETE", "/model-versions/delete", { name: "py-client", version: "3" })).json).toEqual({});
    expect((await rest(server, "GET", "/model-versions/get", { name: "py-client", version: "3" })).json["error_code"]).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
    const alias = await rest(server, "GET", "/registered-models/alias", { name: "py-client", alias: "old" });
    expect(alias.json).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Registered model alias old not found." });
    expect((await rest(server, "DELETE", "/registered-models/delete", { name: "py-client" })).json).toEqual({});
    const gone = await rest(server, "GET", "/registered-models/get", { name: "py-client" });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Registered Model with name=py-client not found" });
  });

  it("registers, finds and loads prompts as mlflow.genai does, and keeps them out of model search", async () => {
    // register_prompt (mlflow/store/model_registry/abstract_store.py): a model tagged as a
    // prompt, then a version with the fixed source "dummy-source" and the template as a tag.
    const isPrompt = { key: "mlflow.prompt.is_prompt", value: "true" };
    expect((await rest(server, "POST", "/registered-models/create", { name: "py-prompt", tags: [isPrompt] })).status).toBe(200);
    const version = await rest(server, "POST", "/model-versions/create", {
      name: "py-prompt",
      source: "dummy-source",
      description: "first template",
      tags: [isPrompt, { key: "mlflow.prompt.text", value: "Hello {{name}}" }],
    });
    expect(version.status).toBe(200);
    expect(version.json["model_version"]).toMatchObject({ version: "1", source: "dummy-source", status: "READY" });
    // Only that literal, and only on a prompt version: it never becomes a readable location.
    const traversal = await rest(server, "POST", "/model-versions/create", { name: "py-prompt", source: "../../etc", tags: [isPrompt] });
    expect(traversal.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    const onModel = await rest(server, "POST", "/model-versions/create", { name: "py-legacy", source: "dummy-source" });
    expect(onModel.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    const read = await fetch(`${server.url}/model-versions/get-artifact?${pythonQuery({ name: "py-prompt", version: "1", path: "x" })}`);
    expect(read.status).toBe(400);
    await read.text();

    // search_prompts: the filter asks for prompts; load_prompt("prompts:/py-prompt/1") gets the version.
    const prompts = await rest(server, "GET", "/registered-models/search", {
      filter: "tag.`mlflow.prompt.is_prompt` = 'true'",
      max_results: 100,
    });
    expect((prompts.json["registered_models"] as Json[]).map((m) => m["name"])).toEqual(["py-prompt"]);
    const loaded = await rest(server, "GET", "/model-versions/get", { name: "py-prompt", version: "1" });
    expect((loaded.json["model_version"] as { tags: Json[] }).tags).toContainEqual({ key: "mlflow.prompt.text", value: "Hello {{name}}" });
    expect((await rest(server, "POST", "/registered-models/alias", { name: "py-prompt", alias: "prod", version: "1" })).status).toBe(200);
    expect(
      ((await rest(server, "GET", "/registered-models/alias", { name: "py-prompt", alias: "prod" })).json["model_version"] as Json)[
        "version"
      ],
    ).toBe("1");

    // Plain model searches (the client's default filter, or none) leave prompts out.
    const models = await rest(server, "GET", "/registered-models/search", {
      filter: "tag.`mlflow.prompt.is_prompt` != 'true'",
      max_results: 100,
    });
    expect((models.json["registered_models"] as Json[]).map((m) => m["name"])).not.toContain("py-prompt");
    const versions = await rest(server, "GET", "/model-versions/search", { filter: "name = 'py-prompt'", max_results: 10000 });
    expect(versions.json).toEqual({});
    const promptVersions = await rest(server, "GET", "/model-versions/search", {
      filter: "name = 'py-prompt' AND tags.`mlflow.prompt.is_prompt` = 'true'",
      max_results: 10000,
    });
    expect((promptVersions.json["model_versions"] as Json[]).map((v) => v["version"])).toEqual(["1"]);
  });
});
