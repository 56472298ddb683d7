import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const missing = (field: string) => `Missing value for required parameter '${field}'`;

/**
 * Bad input on every logged-model endpoint (and the MLflow 3 fields of the tracking and registry
 * endpoints) gets MLflow's error code and status, never a 500, and writes nothing: after each
 * case the experiment's models, the run and the registry read back exactly as before.
 */
describe("logged-model bad input", () => {
  let server: TestServer;
  let experimentId = "";
  let runId = "";
  let modelId = "";
  const unknown = "m-44444444444444444444444444444444";

  const snapshot = async () => {
    const models = await server.post(`${API}/logged-models/search`, { experiment_ids: [experimentId], max_results: 100 });
    const run = await server.get(`${API}/runs/get?run_id=${runId}`);
    const history = await server.get(`${API}/metrics/get-history?run_id=${runId}&metric_key=m`);
    const versions = await server.get(`${API}/model-versions/search?max_results=1000`);
    return JSON.stringify([models.json, run.json, history.json, versions.json]);
  };
  let before = "";

  beforeAll(async () => {
    server = await startTestServer();
    experimentId = (await server.post(`${API}/experiments/create`, { name: "bad-lm" })).json["experiment_id"] as string;
    runId = ((await server.post(`${API}/runs/create`, { experiment_id: experimentId })).json["run"] as { info: { run_id: string } }).info
      .run_id;
    const created = await server.post(`${API}/logged-models`, {
      experiment_id: experimentId,
      name: "base",
      params: [{ key: "lr", value: "0.1" }],
      tags: [{ key: "t", value: "1" }],
    });
    modelId = (created.json["model"] as { info: { model_id: string } }).info.model_id;
    await server.post(`${API}/registered-models/create`, { name: "reg" });
    before = await snapshot();
  });
  afterAll(() => server.close());

  // [method, path, body (undefined for none), error_code, status, message fragment]
  const cases = (): Array<[string, string, unknown, string, number, string]> => [
    ["POST", `${API}/logged-models`, {}, "INVALID_PARAMETER_VALUE", 400, missing("experiment_id")],
    ["POST", `${API}/logged-models`, { experiment_id: "" }, "INVALID_PARAMETER_VALUE", 400, missing("experiment_id")],
    ["POST", `${API}/logged-models`, { experiment_id: 5 }, "INVALID_PARAMETER_VALUE", 400, "Hint: Value was of type 'int'"],
    ["POST", `${API}/logged-models`, { experiment_id: "999999" }, "RESOURCE_DOES_NOT_EXIST", 404, "No Experiment with id=999999"],
    ["POST", `${API}/logged-models`, { experiment_id: experimentId, name: "a/b" }, "INVALID_PARAMETER_VALUE", 400, "Invalid model name"],
    ["POST", `${API}/logged-models`, { experiment_id: experimentId, name: "" }, "INVALID_PARAMETER_VALUE", 400, "Invalid model name"],
    ["POST", `${API}/logged-models`, { experiment_id: experimentId, params: "x" }, "INVALID_PARAMETER_VALUE", 400, "'params'"],
    [
      "POST",
      `${API}/logged-models`,
      { experiment_id: experimentId, tags: [{ value: "v" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("tags.key"),
    ],
    [
      "POST",
      `${API}/logged-models`,
      { experiment_id: experimentId, source_run_id: "../x" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid run ID",
    ],
    [
      "POST",
      `${API}/logged-models`,
      { experiment_id: experimentId, name: "x".repeat(501) },
      "INVALID_PARAMETER_VALUE",
      400,
      "exceeded length",
    ],
    ["GET", `${API}/logged-models/${unknown}`, undefined, "RESOURCE_DOES_NOT_EXIST", 404, `Logged model with ID '${unknown}' not found.`],
    // Longer than the router's path-parameter bound (100): refused before any handler runs.
    ["GET", `${API}/logged-models/${"x".repeat(2000)}`, undefined, "BAD_REQUEST", 400, "Malformed request"],
    ["GET", `${API}/logged-models/${"y".repeat(90)}`, undefined, "RESOURCE_DOES_NOT_EXIST", 404, "y".repeat(90)],
    ["PATCH", `${API}/logged-models/${modelId}`, {}, "INVALID_PARAMETER_VALUE", 400, missing("status")],
    ["PATCH", `${API}/logged-models/${modelId}`, { status: "DONE" }, "INVALID_PARAMETER_VALUE", 400, "'status'"],
    ["PATCH", `${API}/logged-models/${modelId}`, { status: 0 }, "INVALID_PARAMETER_VALUE", 400, "'status'"],
    ["PATCH", `${API}/logged-models/${modelId}`, { status: "LOGGED_MODEL_STATUS_UNSPECIFIED" }, "INVALID_PARAMETER_VALUE", 400, "'status'"],
    ["PATCH", `${API}/logged-models/${unknown}`, { status: "LOGGED_MODEL_READY" }, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    ["DELETE", `${API}/logged-models/${unknown}`, undefined, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    ["POST", `${API}/logged-models/search`, {}, "INVALID_PARAMETER_VALUE", 400, missing("experiment_ids")],
    ["POST", `${API}/logged-models/search`, { experiment_ids: "1" }, "INVALID_PARAMETER_VALUE", 400, "'experiment_ids'"],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], filter: "nope.x = 1" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid entity type",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], filter: "name = 'a' OR name = 'b'" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid clause",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], order_by: ["name"] },
      "INVALID_PARAMETER_VALUE",
      400,
      "'order_by'",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], order_by: [{ ascending: true }] },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("order_by.field_name"),
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], order_by: [{ field_name: "tags.t" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "Only metrics",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], datasets: [{ dataset_digest: "d" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "dataset_name",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], max_results: "many" },
      "INVALID_PARAMETER_VALUE",
      400,
      "'max_results'",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], max_results: 0 },
      "INVALID_PARAMETER_VALUE",
      400,
      "max_results",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], page_token: "%%%" },
      "INVALID_PARAMETER_VALUE",
      400,
      "page token",
    ],
    [
      "POST",
      `${API}/logged-models/search`,
      { experiment_ids: [experimentId], page_token: Buffer.from('{"offset": -1}').toString("base64") },
      "INVALID_PARAMETER_VALUE",
      400,
      "page token",
    ],
    ["PATCH", `${API}/logged-models/${modelId}/tags`, { tags: "x" }, "INVALID_PARAMETER_VALUE", 400, "'tags'"],
    [
      "PATCH",
      `${API}/logged-models/${modelId}/tags`,
      { tags: [{ key: "ok", value: "1" }, { value: "no key" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("tags.key"),
    ],
    ["PATCH", `${API}/logged-models/${unknown}/tags`, { tags: [{ key: "k", value: "v" }] }, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    ["DELETE", `${API}/logged-models/${modelId}/tags/absent`, undefined, "RESOURCE_DOES_NOT_EXIST", 404, "No tag with key 'absent'"],
    ["DELETE", `${API}/logged-models/${unknown}/tags/t`, undefined, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    [
      "POST",
      `${API}/logged-models/${modelId}/params`,
      {
        params: [
          { key: "new", value: "1" },
          { key: "lr", value: "0.2" },
        ],
      },
      "INVALID_PARAMETER_VALUE",
      400,
      "Changing param values is not allowed",
    ],
    [
      "POST",
      `${API}/logged-models/${modelId}/params`,
      {
        params: [
          { key: "d", value: "1" },
          { key: "d", value: "2" },
        ],
      },
      "INVALID_PARAMETER_VALUE",
      400,
      "Duplicate parameter keys",
    ],
    ["POST", `${API}/logged-models/${unknown}/params`, { params: [{ key: "k", value: "v" }] }, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    [
      "GET",
      `${API}/logged-models/${modelId}/artifacts/directories?artifact_directory_path=../../etc`,
      undefined,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid path",
    ],
    [
      "GET",
      `${API}/logged-models/${modelId}/artifacts/directories?artifact_directory_path=/etc`,
      undefined,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid path",
    ],
    ["GET", `${API}/logged-models/${unknown}/artifacts/directories`, undefined, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    [
      "GET",
      `/ajax-api/2.0/mlflow/logged-models/${modelId}/artifacts/files`,
      undefined,
      "INVALID_PARAMETER_VALUE",
      400,
      missing("artifact_file_path"),
    ],
    [
      "GET",
      `/ajax-api/2.0/mlflow/logged-models/${modelId}/artifacts/files?artifact_file_path=../../../etc/passwd`,
      undefined,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid path",
    ],
    [
      "GET",
      `/ajax-api/2.0/mlflow/logged-models/${modelId}/artifacts/files?artifact_file_path=%252e%252e%252fsecret`,
      undefined,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid path",
    ],
    [
      "GET",
      `/ajax-api/2.0/mlflow/logged-models/${modelId}/artifacts/files?artifact_file_path=/etc/passwd`,
      undefined,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid path",
    ],
    [
      "GET",
      `/ajax-api/2.0/mlflow/logged-models/${modelId}/artifacts/files?artifact_file_path=absent.bin`,
      undefined,
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "",
    ],
    [
      "GET",
      `/ajax-api/2.0/mlflow/logged-models/${unknown}/artifacts/files?artifact_file_path=MLmodel`,
      undefined,
      "RESOURCE_DOES_NOT_EXIST",
      404,
      unknown,
    ],
    [
      "POST",
      `${API}/runs/log-metric`,
      { run_id: runId, key: "m", value: 1, timestamp: 1, model_id: unknown },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      unknown,
    ],
    [
      "POST",
      `${API}/runs/log-metric`,
      { run_id: runId, key: "m", value: 1, timestamp: 1, model_id: modelId, dataset_digest: "d".repeat(37) },
      "INVALID_PARAMETER_VALUE",
      400,
      "Dataset digest",
    ],
    [
      "POST",
      `${API}/runs/log-batch`,
      {
        run_id: runId,
        metrics: [
          { key: "m", value: 1, timestamp: 1 },
          { key: "m", value: 2, timestamp: 2, model_id: unknown },
        ],
      },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      unknown,
    ],
    [
      "POST",
      `${API}/runs/log-batch`,
      { run_id: runId, metrics: [{ key: "m", value: 1, timestamp: 1, model_id: 7 }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "'metrics.model_id'",
    ],
    ["POST", `${API}/runs/log-inputs`, { run_id: runId, models: [{}] }, "INVALID_PARAMETER_VALUE", 400, missing("models[0].model_id")],
    [
      "POST",
      `${API}/runs/log-inputs`,
      { run_id: runId, models: [{ model_id: modelId }, { model_id: unknown }] },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      unknown,
    ],
    [
      "POST",
      `${API}/runs/outputs`,
      { run_id: runId, models: [{ model_id: modelId }] },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("models[0].step"),
    ],
    [
      "POST",
      `${API}/runs/outputs`,
      {
        run_id: runId,
        models: [
          { model_id: modelId, step: 0 },
          { model_id: unknown, step: 0 },
        ],
      },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      unknown,
    ],
    [
      "POST",
      `${API}/runs/outputs`,
      { run_id: "0123456789abcdef0123456789abcdef", models: [{ model_id: modelId, step: 0 }] },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "Run with id=",
    ],
    ["POST", `${API}/model-versions/create`, { name: "reg", source: `models:/${unknown}` }, "RESOURCE_DOES_NOT_EXIST", 404, unknown],
    [
      "POST",
      `${API}/model-versions/create`,
      { name: "reg", source: "s3://b/m", model_id: unknown },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      unknown,
    ],
  ];

  it("answers each case with MLflow's error and writes nothing", async () => {
    for (const [method, path, body, code, status, message] of cases()) {
      const reply = await call(server, method, path, body);
      expect({ path, method, status: reply.status, code: reply.json["error_code"] }).toEqual({ path, method, status, code });
      expect(reply.json["message"]).toContain(message);
      expect(await snapshot(), `${method} ${path} wrote something`).toBe(before);
    }
  });

  it("checks the content type of POST bodies like every MLflow endpoint", async () => {
    const reply = await server.post(`${API}/logged-models`, JSON.stringify({ experiment_id: experimentId }), {
      "content-type": "text/plain",
    });
    expect(reply.status).toBe(400);
    expect(reply.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    expect(await snapshot()).toBe(before);
  });

  it("answers 404 ENDPOINT_NOT_FOUND on unknown logged-model paths", async () => {
    const reply = await call(server, "PUT", `${API}/logged-models/${modelId}`, { status: "LOGGED_MODEL_READY" });
    expect(reply.status).toBe(404);
    expect(reply.json["error_code"]).toBe("ENDPOINT_NOT_FOUND");
  });
});
