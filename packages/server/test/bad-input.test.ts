import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const UNKNOWN_RUN = "0123456789abcdef0123456789abcdef";

/**
 * Bad input on every endpoint gets an MLflow error (code and status) and writes nothing.
 * Each case names the request; `check` then proves the store is unchanged.
 */
describe("bad input", () => {
  let server: TestServer;
  let experimentId = "";
  let runId = "";
  let deletedRunId = "";

  const runState = async (id: string) => (await server.get(`${API}/runs/get?run_id=${id}`)).json;

  beforeAll(async () => {
    server = await startTestServer();
    experimentId = (await server.post(`${API}/experiments/create`, { name: "bad-input" })).json["experiment_id"] as string;
    const create = async () =>
      ((await server.post(`${API}/runs/create`, { experiment_id: experimentId })).json["run"] as { info: { run_id: string } }).info.run_id;
    runId = await create();
    deletedRunId = await create();
    await server.post(`${API}/runs/log-parameter`, { run_id: runId, key: "lr", value: "0.01" });
    await server.post(`${API}/runs/delete`, { run_id: deletedRunId });
  });
  afterAll(() => server.close());

  const missing = (field: string) => `Missing value for required parameter '${field}'`;

  // [endpoint, body, error_code, status, message fragment]
  const postCases: Array<[string, unknown, string, number, string]> = [
    ["experiments/create", {}, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["experiments/create", { name: "" }, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["experiments/create", { name: 42 }, "INVALID_PARAMETER_VALUE", 400, "Hint: Value was of type 'int'"],
    ["experiments/create", { name: "x".repeat(501) }, "INVALID_PARAMETER_VALUE", 400, "exceeded length limit of 500"],
    ["experiments/create", { name: "tags-wrong", tags: "nope" }, "INVALID_PARAMETER_VALUE", 400, "Invalid value"],
    ["experiments/create", { name: "bad-input" }, "RESOURCE_ALREADY_EXISTS", 400, "already exists"],
    ["experiments/search", { max_results: "many" }, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["experiments/search", { max_results: 0 }, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["experiments/search", { max_results: 10, filter: "name = 'a' OR name = 'b'" }, "INVALID_PARAMETER_VALUE", 400, ""],
    ["experiments/search", { max_results: 10, view_type: "SOMETIMES" }, "INVALID_PARAMETER_VALUE", 400, "view_type"],
    ["experiments/delete", {}, "INVALID_PARAMETER_VALUE", 400, missing("experiment_id")],
    ["experiments/delete", { experiment_id: "999999" }, "RESOURCE_DOES_NOT_EXIST", 404, "No Experiment with id=999999 exists"],
    ["experiments/restore", { experiment_id: "999999" }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    ["experiments/update", { experiment_id: "999999", new_name: "n" }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    ["experiments/update", { experiment_id: "0" }, "INVALID_PARAMETER_VALUE", 400, missing("new_name")],
    ["experiments/set-experiment-tag", { experiment_id: "0" }, "INVALID_PARAMETER_VALUE", 400, missing("key")],
    [
      "experiments/set-experiment-tag",
      { experiment_id: "0", key: "k", value: "v".repeat(5001) },
      "INVALID_PARAMETER_VALUE",
      400,
      "length limit",
    ],
    ["experiments/delete-experiment-tag", { experiment_id: "0", key: "never-set" }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    ["runs/create", { experiment_id: "999999" }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    ["runs/create", { experiment_id: "0", start_time: "yesterday" }, "INVALID_PARAMETER_VALUE", 400, "start_time"],
    ["runs/update", {}, "INVALID_PARAMETER_VALUE", 400, missing("run_id")],
    ["runs/update", { run_id: UNKNOWN_RUN, status: "FINISHED" }, "RESOURCE_DOES_NOT_EXIST", 404, `Run with id=${UNKNOWN_RUN} not found`],
    ["runs/update", { run_id: UNKNOWN_RUN, status: "DONE" }, "INVALID_PARAMETER_VALUE", 400, "status"],
    ["runs/delete", { run_id: UNKNOWN_RUN }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    ["runs/restore", {}, "INVALID_PARAMETER_VALUE", 400, missing("run_id")],
    ["runs/search", { experiment_ids: "0" }, "INVALID_PARAMETER_VALUE", 400, "experiment_ids"],
    ["runs/search", { experiment_ids: ["0"], max_results: 50001 }, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["runs/search", { experiment_ids: ["0"], filter: "metrics.acc > 'x'" }, "INVALID_PARAMETER_VALUE", 400, ""],
    ["runs/search", { experiment_ids: ["0"], page_token: "not-a-token" }, "INVALID_PARAMETER_VALUE", 400, ""],
    [
      "runs/search",
      { experiment_ids: ["0"], filter: Array.from({ length: 1000 }, () => "metrics.x > 1").join(" and ") },
      "INVALID_PARAMETER_VALUE",
      400,
      "more than 200 clauses",
    ],
    [
      "runs/search",
      { experiment_ids: ["0"], filter: `attributes.run_id IN (${Array.from({ length: 40_000 }, (_, i) => `'r${i}'`).join(",")})` },
      "INVALID_PARAMETER_VALUE",
      400,
      "more than 10000 values",
    ],

    ["runs/log-metric", { run_id: "RUN", key: "m", value: 1 }, "INVALID_PARAMETER_VALUE", 400, missing("timestamp")],
    ["runs/log-metric", { run_id: "RUN", key: "m", value: "high", timestamp: 1 }, "INVALID_PARAMETER_VALUE", 400, "Invalid value high"],
    ["runs/log-metric", { run_id: "RUN", key: "m", value: true, timestamp: 1 }, "INVALID_PARAMETER_VALUE", 400, "bool"],
    [
      "runs/log-metric",
      { run_id: "RUN", key: "m", value: 1, timestamp: -5 },
      "INVALID_PARAMETER_VALUE",
      400,
      "Timestamp must be a nonnegative",
    ],
    ["runs/log-metric", { run_id: "RUN", key: "../escape", value: 1, timestamp: 1 }, "INVALID_PARAMETER_VALUE", 400, "Invalid metric name"],
    [
      "runs/log-metric",
      { run_id: "RUN", key: "k".repeat(251), value: 1, timestamp: 1 },
      "INVALID_PARAMETER_VALUE",
      400,
      "length limit of 250",
    ],
    ["runs/log-metric", { run_id: UNKNOWN_RUN, key: "m", value: 1, timestamp: 1 }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    [
      "runs/log-metric",
      { run_id: "DELETED", key: "m", value: 1, timestamp: 1 },
      "INVALID_PARAMETER_VALUE",
      400,
      "must be in the 'active' state",
    ],
    [
      "runs/log-parameter",
      { run_id: "RUN", key: "lr", value: "0.1" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Changing param values is not allowed",
    ],
    ["runs/log-parameter", { run_id: "RUN", key: "bad*key", value: "1" }, "INVALID_PARAMETER_VALUE", 400, "Invalid param name"],
    ["runs/log-parameter", { run_id: "RUN", value: "1" }, "INVALID_PARAMETER_VALUE", 400, missing("key")],
    ["runs/set-tag", { run_id: "RUN", key: "t", value: 5 }, "INVALID_PARAMETER_VALUE", 400, "Invalid value"],
    ["runs/set-tag", { run_id: "DELETED", key: "t", value: "v" }, "INVALID_PARAMETER_VALUE", 400, "active"],
    ["runs/delete-tag", { run_id: "RUN", key: "never" }, "RESOURCE_DOES_NOT_EXIST", 404, ""],
    ["runs/log-batch", {}, "INVALID_PARAMETER_VALUE", 400, missing("run_id")],
    ["runs/log-batch", { run_id: "RUN", metrics: {} }, "INVALID_PARAMETER_VALUE", 400, "metrics"],
    ["runs/log-batch", { run_id: "RUN", metrics: [{ key: "m", value: 1 }] }, "INVALID_PARAMETER_VALUE", 400, "timestamp"],
    [
      "runs/log-batch",
      { run_id: "RUN", metrics: Array.from({ length: 1001 }, (_, i) => ({ key: "m", value: i, timestamp: 1, step: i })) },
      "INVALID_PARAMETER_VALUE",
      400,
      "at most 1000 metrics",
    ],
    [
      "runs/log-batch",
      { run_id: "RUN", params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "v" })) },
      "INVALID_PARAMETER_VALUE",
      400,
      "at most 100 params",
    ],
    [
      "runs/log-batch",
      {
        run_id: "RUN",
        params: [
          { key: "dup", value: "1" },
          { key: "dup", value: "2" },
        ],
      },
      "INVALID_PARAMETER_VALUE",
      400,
      "Duplicate parameter keys",
    ],
    [
      "runs/log-batch",
      { run_id: "RUN", metrics: [{ key: "fine", value: 1, timestamp: 1 }], params: [{ key: "lr", value: "changed" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "Changing param values",
    ],
    ["runs/log-model", { run_id: "RUN", model_json: "{not json" }, "INVALID_PARAMETER_VALUE", 400, ""],
    ["runs/log-model", { run_id: "RUN", model_json: "{}" }, "INVALID_PARAMETER_VALUE", 400, "missing mandatory fields"],
    ["runs/log-model", { run_id: "RUN", model_json: "null" }, "INVALID_PARAMETER_VALUE", 400, "must be a JSON object"],
    ["runs/log-model", { run_id: "RUN", model_json: "1" }, "INVALID_PARAMETER_VALUE", 400, "must be a JSON object"],
    [
      "experiments/search-datasets",
      { experiment_ids: Array.from({ length: 20_000 }, (_, i) => String(i)) },
      "INVALID_PARAMETER_VALUE",
      400,
      "at most 1000 experiment ids",
    ],
    ["runs/log-inputs", { run_id: "RUN", datasets: [{ dataset: { name: "d" } }] }, "INVALID_PARAMETER_VALUE", 400, "digest"],
  ];

  it.each(postCases)("POST %s (case %#) → %s", async (endpoint, body, code, status, fragment) => {
    const resolved = JSON.parse(
      JSON.stringify(body).replaceAll('"RUN"', JSON.stringify(runId)).replaceAll('"DELETED"', JSON.stringify(deletedRunId)),
    );
    const before = await runState(runId);
    const response = await server.post(`${API}/${endpoint}`, resolved);
    expect(response.status).toBe(status);
    expect(response.json["error_code"]).toBe(code);
    expect(response.json["message"]).toContain(fragment);
    expect(await runState(runId)).toEqual(before);
  });

  const getCases: Array<[string, string, number]> = [
    ["experiments/get", "INVALID_PARAMETER_VALUE", 400],
    ["experiments/get?experiment_id=123456", "RESOURCE_DOES_NOT_EXIST", 404],
    ["experiments/get-by-name?experiment_name=nope", "RESOURCE_DOES_NOT_EXIST", 404],
    ["runs/get?run_id=", "INVALID_PARAMETER_VALUE", 400],
    [`runs/get?run_id=${UNKNOWN_RUN}`, "RESOURCE_DOES_NOT_EXIST", 404],
    ["runs/get?run_id=%2e%2e%2fetc", "INVALID_PARAMETER_VALUE", 400],
    [`metrics/get-history?run_id=${UNKNOWN_RUN}`, "INVALID_PARAMETER_VALUE", 400],
    [`metrics/get-history?run_id=${UNKNOWN_RUN}&metric_key=m&max_results=lots`, "INVALID_PARAMETER_VALUE", 400],
    ["metrics/get-history-bulk-interval?metric_key=m", "INVALID_PARAMETER_VALUE", 400],
    [`metrics/get-history-bulk-interval?run_ids=${UNKNOWN_RUN}&metric_key=m&max_results=2501`, "INVALID_PARAMETER_VALUE", 400],
    [`artifacts/list?run_id=${UNKNOWN_RUN}`, "RESOURCE_DOES_NOT_EXIST", 404],
  ];

  it.each(getCases)("GET %s → %s", async (query, code, status) => {
    const response = await server.get(`${API}/${query}`);
    expect(response.status).toBe(status);
    expect(response.json["error_code"]).toBe(code);
  });

  it("answers an unknown run's metric history with an empty list, as MLflow does", async () => {
    const response = await server.get(`${API}/metrics/get-history?run_id=${UNKNOWN_RUN}&metric_key=m&max_results=25000`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({});
  });

  it("refuses thousands of nested arrays with a short 400, not a stack overflow", async () => {
    const nested = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    for (const [route, body] of [
      ["experiments/create", `{"name":"deep","tags":${nested}}`],
      ["runs/log-batch", `{"run_id":"${runId}","metrics":[{"key":${nested}}]}`],
    ] as const) {
      const response = await server.post(`${API}/${route}`, body);
      expect(response.status).toBe(400);
      expect(response.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
      expect(response.text.length).toBeLessThan(2000);
    }
  });

  it("answers a malformed %-escape in the URL with MLflow's error body, without echoing it", async () => {
    const response = await server.get("/api/2.0/mlflow-artifacts/artifacts/%ff%3Cscript%3E");
    expect(response.status).toBe(400);
    expect(response.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    expect(response.text).not.toContain("script");
  });

  it("tells the client multipart upload is unsupported, in the words it falls back on", async () => {
    const response = await server.post("/api/2.0/mlflow-artifacts/mpu/create/0/x/artifacts/big.bin", { path: "big.bin", num_parts: 3 });
    expect(response.status).toBe(501);
    expect(response.json).toEqual({
      error_code: "NOT_IMPLEMENTED",
      message: "Multipart upload is not supported for the current artifact repository",
    });
  });

  it("reads malformed JSON as {} and reports the missing field", async () => {
    const response = await server.post(`${API}/experiments/create`, "{name: oops");
    expect(response.status).toBe(400);
    expect(response.json["message"]).toContain(missing("name"));
  });

  it("refuses a wrong content type before touching the store", async () => {
    const response = await server.post(`${API}/runs/log-parameter`, JSON.stringify({ run_id: runId, key: "ct", value: "1" }), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(400);
    expect(response.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    const params = ((await runState(runId))["run"] as { data: { params: Array<{ key: string }> } }).data.params;
    expect(params.map((p) => p.key)).toEqual(["lr"]);
  });

  it("never reflects a hostile content-type header as markup", async () => {
    const response = await server.post(`${API}/experiments/create`, "{}", { "content-type": "<script>alert(1)</script>" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.text).not.toContain("<script>");
  });

  it("refuses a huge body without crashing", async () => {
    const response = await server.post(`${API}/runs/set-tag`, { run_id: runId, key: "big", value: "x".repeat(45 * 1024 * 1024) });
    expect(response.status).toBe(400);
    expect((await server.get("/health")).text).toBe("OK");
  });

  it("truncates over-long param values the way MLflow does by default", async () => {
    const response = await server.post(`${API}/runs/log-parameter`, { run_id: runId, key: "long", value: "v".repeat(7000) });
    expect(response.status).toBe(200);
    const params = ((await runState(runId))["run"] as { data: { params: Array<{ key: string; value: string }> } }).data.params;
    expect(params.find((p) => p.key === "long")?.value).toHaveLength(6000);
  });
});
