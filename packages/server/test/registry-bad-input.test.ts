import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const missing = (field: string) => `Missing value for required parameter '${field}'`;

/**
 * Bad input on every registry endpoint gets MLflow's error code, status and message, and
 * writes nothing: after each case the whole registry reads back exactly as before.
 */
describe("registry bad input", () => {
  let server: TestServer;
  let runId = "";

  const snapshot = async () => {
    const models = await server.get(`${API}/registered-models/search?max_results=1000`);
    const prompts = await server.get(
      `${API}/registered-models/search?filter=${encodeURIComponent("tags.`mlflow.prompt.is_prompt` = 'true'")}`,
    );
    const versions = await server.get(`${API}/model-versions/search?max_results=1000`);
    return JSON.stringify([models.json, prompts.json, versions.json]);
  };
  let before = "";

  beforeAll(async () => {
    server = await startTestServer();
    const run = await server.post(`${API}/runs/create`, { experiment_id: "0" });
    runId = (run.json["run"] as { info: { run_id: string } }).info.run_id;
    await server.post(`${API}/registered-models/create`, { name: "m", tags: [{ key: "k", value: "v" }] });
    await server.post(`${API}/registered-models/create`, { name: "taken" });
    await server.post(`${API}/registered-models/create`, { name: "prompt", tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    await server.post(`${API}/model-versions/create`, { name: "m", source: "s3://bucket/m/1" });
    await server.post(`${API}/registered-models/alias`, { name: "m", alias: "champion", version: "1" });
    before = await snapshot();
  });
  afterAll(() => server.close());

  // [method, path, body (JSON) or query (GET), error_code, status, message fragment]
  const cases: Array<[string, string, Record<string, unknown> | string, string, number, string]> = [
    ["POST", "registered-models/create", {}, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["POST", "registered-models/create", { name: "" }, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["POST", "registered-models/create", { name: 5 }, "INVALID_PARAMETER_VALUE", 400, "Hint: Value was of type 'int'"],
    ["POST", "registered-models/create", { name: "m" }, "RESOURCE_ALREADY_EXISTS", 400, "Registered Model (name=m) already exists."],
    ["POST", "registered-models/create", { name: "a/b" }, "INVALID_PARAMETER_VALUE", 400, "Invalid registered model name"],
    ["POST", "registered-models/create", { name: "a%2Fb" }, "INVALID_PARAMETER_VALUE", 400, "Invalid registered model name"],
    ["POST", "registered-models/create", { name: "x".repeat(257) }, "INVALID_PARAMETER_VALUE", 400, "length limit of 256"],
    [
      "POST",
      "registered-models/create",
      { name: "n", tags: [{ key: "k", value: "v".repeat(100_001) }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "100000",
    ],
    [
      "POST",
      "registered-models/create",
      { name: "n", tags: [{ key: "../k", value: "v" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid tag name",
    ],
    ["POST", "registered-models/create", { name: "n", tags: "k=v" }, "INVALID_PARAMETER_VALUE", 400, "Invalid value"],
    ["POST", "registered-models/create", { name: "n", description: "d".repeat(5001) }, "INVALID_PARAMETER_VALUE", 400, "5000"],
    ["POST", "registered-models/rename", { name: "m" }, "INVALID_PARAMETER_VALUE", 400, missing("new_name")],
    [
      "POST",
      "registered-models/rename",
      { name: "m", new_name: "taken" },
      "RESOURCE_ALREADY_EXISTS",
      400,
      "Registered Model (name=taken) already exists.",
    ],
    [
      "POST",
      "registered-models/rename",
      { name: "nope", new_name: "x" },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "Registered Model with name=nope not found",
    ],
    ["PATCH", "registered-models/update", { description: "d" }, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["PATCH", "registered-models/update", { name: "nope", description: "d" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    ["DELETE", "registered-models/delete", {}, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["DELETE", "registered-models/delete", { name: "nope" }, "RESOURCE_DOES_NOT_EXIST", 404, "Registered Model with name=nope not found"],
    ["GET", "registered-models/get", "", "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["GET", "registered-models/get", "name=nope", "RESOURCE_DOES_NOT_EXIST", 404, "Registered Model with name=nope not found"],
    ["GET", "registered-models/search", "max_results=1001", "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["GET", "registered-models/search", "max_results=ten", "INVALID_PARAMETER_VALUE", 400, "max_results"],
    [
      "GET",
      "registered-models/search",
      `filter=${encodeURIComponent("name = 'a' OR name = 'b'")}`,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid clause",
    ],
    [
      "GET",
      "registered-models/search",
      `filter=${encodeURIComponent("run_id = 'a'")}`,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid attribute key",
    ],
    ["GET", "registered-models/search", "order_by=creation_timestamp", "INVALID_PARAMETER_VALUE", 400, "Invalid order by key"],
    ["GET", "registered-models/search", "page_token=%%%", "INVALID_PARAMETER_VALUE", 400, ""],
    ["POST", "registered-models/get-latest-versions", {}, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["POST", "registered-models/get-latest-versions", { name: "nope" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    [
      "POST",
      "registered-models/get-latest-versions",
      { name: "m", stages: ["Gold"] },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid Model Version stage: Gold",
    ],
    ["POST", "registered-models/get-latest-versions", { name: "m", stages: "Production" }, "INVALID_PARAMETER_VALUE", 400, "stages"],
    ["POST", "registered-models/set-tag", { name: "m", value: "v" }, "INVALID_PARAMETER_VALUE", 400, missing("key")],
    ["POST", "registered-models/set-tag", { name: "nope", key: "k", value: "v" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    [
      "POST",
      "registered-models/set-tag",
      { name: "m", key: "k", value: "v".repeat(100_001) },
      "INVALID_PARAMETER_VALUE",
      400,
      "length limit",
    ],
    ["POST", "registered-models/set-tag", { name: "m", key: "k".repeat(251), value: "v" }, "INVALID_PARAMETER_VALUE", 400, "length limit"],
    ["DELETE", "registered-models/delete-tag", { name: "m" }, "INVALID_PARAMETER_VALUE", 400, missing("key")],
    ["DELETE", "registered-models/delete-tag", { name: "nope", key: "k" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    ["POST", "registered-models/alias", { name: "m", alias: "a" }, "INVALID_PARAMETER_VALUE", 400, missing("version")],
    [
      "POST",
      "registered-models/alias",
      { name: "m", alias: "latest", version: "1" },
      "INVALID_PARAMETER_VALUE",
      400,
      "'latest' alias name (case insensitive) is reserved.",
    ],
    ["POST", "registered-models/alias", { name: "m", alias: "LATEST", version: "1" }, "INVALID_PARAMETER_VALUE", 400, "reserved"],
    [
      "POST",
      "registered-models/alias",
      { name: "m", alias: "v3", version: "1" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Version alias name 'v3' is reserved.",
    ],
    [
      "POST",
      "registered-models/alias",
      { name: "m", alias: "a.b", version: "1" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid alias name: 'a.b'",
    ],
    ["POST", "registered-models/alias", { name: "m", alias: "a".repeat(256), version: "1" }, "INVALID_PARAMETER_VALUE", 400, "255"],
    [
      "POST",
      "registered-models/alias",
      { name: "m", alias: "ok", version: "one" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Parameter 'version' must be an integer, got 'one'.",
    ],
    [
      "POST",
      "registered-models/alias",
      { name: "m", alias: "ok", version: "9" },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "Model Version (name=m, version=9) not found",
    ],
    ["DELETE", "registered-models/alias", { name: "m" }, "INVALID_PARAMETER_VALUE", 400, missing("alias")],
    ["DELETE", "registered-models/alias", { name: "nope", alias: "a" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    ["GET", "registered-models/alias", "name=m", "INVALID_PARAMETER_VALUE", 400, missing("alias")],
    ["GET", "registered-models/alias", "name=m&alias=never", "INVALID_PARAMETER_VALUE", 400, "Registered model alias never not found."],
    ["POST", "model-versions/create", { name: "m" }, "INVALID_PARAMETER_VALUE", 400, missing("source")],
    ["POST", "model-versions/create", { source: "s3://b/m" }, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    [
      "POST",
      "model-versions/create",
      { name: "nope", source: "s3://b/m" },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "Registered Model with name=nope not found",
    ],
    [
      "POST",
      "model-versions/create",
      { name: "m", source: "s3://b/m", tags: [{ key: "k", value: "v".repeat(100_001) }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "length limit",
    ],
    [
      "POST",
      "model-versions/create",
      { name: "m", source: `s3://b/${"x".repeat(500)}` },
      "INVALID_PARAMETER_VALUE",
      400,
      "length limit of 500",
    ],
    [
      "POST",
      "model-versions/create",
      { name: "m", source: "runs:/0123456789abcdef0123456789abcdef/model" },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "Run with id=",
    ],
    ["PATCH", "model-versions/update", { name: "m" }, "INVALID_PARAMETER_VALUE", 400, missing("version")],
    [
      "PATCH",
      "model-versions/update",
      { name: "m", version: "9", description: "d" },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "Model Version (name=m, version=9) not found",
    ],
    ["PATCH", "model-versions/update", { name: "m", version: "1", description: "d".repeat(5001) }, "INVALID_PARAMETER_VALUE", 400, "5000"],
    [
      "POST",
      "model-versions/transition-stage",
      { name: "m", version: "1", stage: "Production" },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("archive_existing_versions"),
    ],
    [
      "POST",
      "model-versions/transition-stage",
      { name: "m", version: "1", stage: "Gold", archive_existing_versions: false },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid Model Version stage: Gold. Value must be one of None, Staging, Production, Archived.",
    ],
    [
      "POST",
      "model-versions/transition-stage",
      { name: "m", version: "1", stage: "Archived", archive_existing_versions: true },
      "INVALID_PARAMETER_VALUE",
      400,
      "is not an Active stage",
    ],
    [
      "POST",
      "model-versions/transition-stage",
      { name: "m", version: "1", stage: "None", archive_existing_versions: "maybe" },
      "INVALID_PARAMETER_VALUE",
      400,
      "archive_existing_versions",
    ],
    [
      "POST",
      "model-versions/transition-stage",
      { name: "m", version: "9", stage: "Staging", archive_existing_versions: false },
      "RESOURCE_DOES_NOT_EXIST",
      404,
      "not found",
    ],
    ["DELETE", "model-versions/delete", { name: "m" }, "INVALID_PARAMETER_VALUE", 400, missing("version")],
    ["DELETE", "model-versions/delete", { name: "m", version: "9" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    ["DELETE", "model-versions/delete", { name: "m", version: "x1" }, "INVALID_PARAMETER_VALUE", 400, "must be an integer"],
    ["GET", "model-versions/get", "name=m", "INVALID_PARAMETER_VALUE", 400, missing("version")],
    ["GET", "model-versions/get", "name=m&version=9", "RESOURCE_DOES_NOT_EXIST", 404, "Model Version (name=m, version=9) not found"],
    ["GET", "model-versions/search", "max_results=200001", "INVALID_PARAMETER_VALUE", 400, "max_results"],
    [
      "GET",
      "model-versions/search",
      `filter=${encodeURIComponent("run_id LIKE 'x%'")}`,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid comparator",
    ],
    [
      "GET",
      "model-versions/search",
      `filter=${encodeURIComponent("metrics.acc > 1")}`,
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid entity type",
    ],
    ["GET", "model-versions/search", "order_by=run_id", "INVALID_PARAMETER_VALUE", 400, "Invalid order by key"],
    ["GET", "model-versions/get-download-uri", "name=m", "INVALID_PARAMETER_VALUE", 400, missing("version")],
    ["GET", "model-versions/get-download-uri", "name=m&version=9", "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    ["POST", "model-versions/set-tag", { name: "m", version: "1", value: "v" }, "INVALID_PARAMETER_VALUE", 400, missing("key")],
    ["POST", "model-versions/set-tag", { name: "m", version: "9", key: "k", value: "v" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
    [
      "POST",
      "model-versions/set-tag",
      { name: "m", version: "1", key: "k", value: "v".repeat(100_001) },
      "INVALID_PARAMETER_VALUE",
      400,
      "length limit",
    ],
    ["DELETE", "model-versions/delete-tag", { name: "m", version: "1" }, "INVALID_PARAMETER_VALUE", 400, missing("key")],
    ["DELETE", "model-versions/delete-tag", { name: "m", version: "9", key: "k" }, "RESOURCE_DOES_NOT_EXIST", 404, "not found"],
  ];

  it.each(cases)("%s %s %j → %s %i", async (method, route, input, code, status, fragment) => {
    const reply =
      method === "GET"
        ? await server.get(`${API}/${route}${input === "" ? "?" : `?${input as string}`}`)
        : await call(server, method, `${API}/${route}`, input);
    expect(reply.status).toBe(status);
    expect(reply.json["error_code"]).toBe(code);
    expect(String(reply.json["message"])).toContain(fragment);
    expect(await snapshot()).toBe(before);
  });

  it("refuses POST bodies without a JSON content type", async () => {
    const reply = await server.post(`${API}/registered-models/create`, { name: "plain" }, { "content-type": "text/plain" });
    expect(reply.status).toBe(400);
    expect(reply.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    expect(await snapshot()).toBe(before);
  });

  // mlflow-wire.md §10.2: every source shape the registry CVEs used, prompts given no bypass.
  const refusedSources = [
    "/etc",
    "/etc/passwd",
    "file:///etc/",
    "file:///etc/passwd",
    "file://./etc",
    "file://host/share",
    "file://localhost/../etc",
    "//proc/self/root/etc",
    "\\\\host\\share\\x",
    "C:/Windows/system32",
    "C:\\Windows",
    "../../../etc",
    "./model",
    "model",
    "..\\..\\etc",
    "s3://bucket/../etc",
    "s3://bucket/%2e%2e/etc",
    "s3://bucket/%252e%252e%252fetc",
    "http:///#/../../etc",
    "http://host#/abc/etc/",
    "http://host/?/../../etc",
    "http://host/;..%2F..%2Fetc",
    "dbfs:/x/a%3f/../../",
    "mlflow-artifacts://h:1/..%2f..%2fartifacts",
    "mlflow-artifacts:/models/artifact%00",
    "mlflow-artifacts:/models/..../../x",
    "runs:/abc/../../etc",
    "%2fetc%2fpasswd",
    "gopher://host/x",
  ];
  for (const prompt of [false, true]) {
    it.each(refusedSources)(`refuses source %s${prompt ? " on a prompt" : ""}`, async (source) => {
      const reply = await server.post(`${API}/model-versions/create`, {
        name: prompt ? "prompt" : "m",
        source,
        run_id: runId,
        ...(prompt ? { tags: [{ key: "mlflow.prompt.text", value: "Hello {{name}}" }] } : {}),
      });
      expect(reply.status).toBe(400);
      expect(reply.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
      expect(String(reply.json["message"])).toContain("Invalid model version source");
      expect(await snapshot()).toBe(before);
    });
  }
});
