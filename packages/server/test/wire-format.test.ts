import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server.js";

/** MLflow's JSON dialect and GET parsing, checked on the wire (mlflow-wire.md §1.1). */
describe("wire format", () => {
  let server: TestServer;
  let runId = "";
  let experimentId = "";

  beforeAll(async () => {
    server = await startTestServer();
    experimentId = (await server.post("/api/2.0/mlflow/experiments/create", { name: "wire" })).json["experiment_id"] as string;
    const created = await server.post("/api/2.0/mlflow/runs/create", { experiment_id: experimentId, start_time: 1700000000123 });
    runId = ((created.json["run"] as Record<string, Record<string, string>>)["info"] as Record<string, string>)["run_id"] as string;
  });
  afterAll(() => server.close());

  it("serves every rpc at /api/2.0 and /ajax-api/2.0", async () => {
    const api = await server.get(`/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`);
    const ajax = await server.get(`/ajax-api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`);
    expect(api.status).toBe(200);
    expect(ajax.json).toEqual(api.json);
  });

  it("writes int64 as JSON numbers, enums by name, and both run_id and run_uuid", async () => {
    const { text, json } = await server.get(`/api/2.0/mlflow/runs/get?run_id=${runId}`);
    expect(text).toContain('"start_time":1700000000123');
    const info = (json["run"] as Record<string, Record<string, unknown>>)["info"] as Record<string, unknown>;
    expect(info["status"]).toBe("RUNNING");
    expect(info["run_uuid"]).toBe(runId);
    expect(info["lifecycle_stage"]).toBe("active");
  });

  it("omits unset fields and empty lists", async () => {
    const { json } = await server.get(`/api/2.0/mlflow/runs/get?run_id=${runId}`);
    const run = json["run"] as Record<string, Record<string, unknown>>;
    expect(run["info"]).not.toHaveProperty("end_time");
    expect(run["data"]).not.toHaveProperty("params");
    const empty = await server.post("/api/2.0/mlflow/runs/search", { experiment_ids: ["424242"] });
    expect(empty.json).toEqual({});
  });

  it("accepts and returns NaN and infinities as strings", async () => {
    const logged = await server.post("/api/2.0/mlflow/runs/log-batch", {
      run_id: runId,
      metrics: [
        { key: "nan", value: "NaN", timestamp: 1, step: 0 },
        { key: "inf", value: "Infinity", timestamp: 1, step: 0 },
        { key: "ninf", value: "-Infinity", timestamp: 1 },
      ],
    });
    expect(logged.status).toBe(200);
    expect(logged.json).toEqual({});
    const { text } = await server.get(`/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=nan`);
    expect(text).toContain('"value":"NaN"');
    const inf = await server.get(`/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=ninf`);
    expect(inf.text).toContain('"value":"-Infinity"');
  });

  it("stores a lone surrogate (valid JSON, not UTF-8) as U+FFFD and reads it back so", async () => {
    const created = await server.post("/api/2.0/mlflow/runs/create", { experiment_id: experimentId });
    const id = (created.json["run"] as { info: { run_id: string } }).info.run_id;
    // JSON.stringify writes the lone surrogate as the escape \ud800.
    const logged = await server.post("/api/2.0/mlflow/runs/log-batch", { run_id: id, params: [{ key: "p", value: "x\ud800" }] });
    expect(logged.status).toBe(200);
    // Logging it again is the same value, not a change.
    expect((await server.post("/api/2.0/mlflow/runs/log-parameter", { run_id: id, key: "p", value: "x\ud800" })).status).toBe(200);
    const run = (await server.get(`/api/2.0/mlflow/runs/get?run_id=${id}`)).json["run"] as { data: { params: unknown[] } };
    expect(run.data.params).toEqual([{ key: "p", value: "x\ufffd" }]);
  });

  it("accepts int64 fields sent as strings, as protobuf JSON allows", async () => {
    const logged = await server.post("/api/2.0/mlflow/runs/log-metric", {
      run_id: runId,
      key: "s",
      value: 1.5,
      timestamp: "1700000000000",
      step: "3",
    });
    expect(logged.status).toBe(200);
    const history = await server.get(`/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=s`);
    expect(history.json).toEqual({ metrics: [{ key: "s", value: 1.5, timestamp: 1700000000000, step: 3 }] });
  });

  it("reads repeated query keys, enum names and True/true booleans on GET", async () => {
    const other = (await server.post("/api/2.0/mlflow/experiments/create", { name: "wire-2" })).json["experiment_id"] as string;
    await server.post("/api/2.0/mlflow/experiments/delete", { experiment_id: other });
    const search = await server.get(
      "/api/2.0/mlflow/experiments/search?max_results=10&view_type=DELETED_ONLY&filter=name%20%3D%20%27wire-2%27",
    );
    expect((search.json["experiments"] as unknown[]).length).toBe(1);
    const run2 = (await server.post("/api/2.0/mlflow/runs/create", { experiment_id: experimentId })).json["run"] as Record<
      string,
      Record<string, string>
    >;
    const id2 = run2["info"]?.["run_id"] as string;
    for (const id of [runId, id2]) {
      await server.post("/api/2.0/mlflow/runs/log-metric", { run_id: id, key: "bulk", value: 1, timestamp: 5, step: 1 });
    }
    const bulk = await server.get(
      `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${runId}&run_ids=${id2}&metric_key=bulk&max_results=10`,
    );
    expect((bulk.json["metrics"] as Array<{ run_id: string }>).map((m) => m.run_id)).toEqual([runId, id2]);
    const ignoredUnknown = await server.get(`/api/2.0/mlflow/runs/get?run_id=${runId}&bogus=1`);
    expect(ignoredUnknown.status).toBe(200);
  });

  it("reads a JSON body on a GET without a query string (old curl habits)", async () => {
    const body = JSON.stringify({ experiment_id: experimentId });
    const { port } = new URL(server.url);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "GET",
          path: "/api/2.0/mlflow/experiments/get",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk) => {
            text += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).experiment.name).toBe("wire");
  });

  it("requires application/json on POST, allowing parameters after ';'", async () => {
    const withCharset = await server.post(
      "/api/2.0/mlflow/experiments/create",
      { name: "charset" },
      { "content-type": "application/json; charset=utf-8" },
    );
    expect(withCharset.status).toBe(200);
    const text = await server.post("/api/2.0/mlflow/experiments/create", { name: "plain" }, { "content-type": "text/plain" });
    expect(text.status).toBe(400);
    expect(text.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    const none = await server.post("/api/2.0/mlflow/experiments/create", '{"name":"none"}', {});
    expect(none.status).toBe(400);
    expect((await server.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=plain")).status).toBe(404);
  });

  it("decodes a JSON string holding JSON (a legacy client quirk)", async () => {
    const response = await server.post("/api/2.0/mlflow/experiments/create", JSON.stringify(JSON.stringify({ name: "double-encoded" })));
    expect(response.status).toBe(200);
  });

  it("answers errors as {error_code, message} with MLflow's statuses", async () => {
    const missing = await server.get("/api/2.0/mlflow/runs/get?run_id=0123456789abcdef0123456789abcdef");
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      error_code: "RESOURCE_DOES_NOT_EXIST",
      message: "Run with id=0123456789abcdef0123456789abcdef not found",
    });
    const duplicate = await server.post("/api/2.0/mlflow/experiments/create", { name: "wire" });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json["error_code"]).toBe("RESOURCE_ALREADY_EXISTS");
  });

  it("serves /health, /version and the legacy experiments/list", async () => {
    expect((await server.get("/health")).text).toBe("OK");
    expect((await server.get("/version")).status).toBe(200);
    const list = await server.get("/api/2.0/mlflow/experiments/list");
    expect((list.json["experiments"] as Array<{ name: string }>).map((e) => e.name)).toContain("Default");
  });

  it("gives ENDPOINT_NOT_FOUND JSON for unknown routes", async () => {
    const unknown = await server.get("/api/2.0/mlflow/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.json["error_code"]).toBe("ENDPOINT_NOT_FOUND");
  });
});
