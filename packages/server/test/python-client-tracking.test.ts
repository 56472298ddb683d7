import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseErrors, RESPONSES, type Shape } from "./proto-parse.js";
import { PyFloat, type PyResponse, PythonRest } from "./python-requests.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";

/**
 * A typical Python training script, replayed request by request as the official `mlflow` client
 * (2.x and 3.x) sends it: the method, path, query encoding and JSON bytes of
 * mlflow/store/tracking/rest_store.py through mlflow/utils/rest_utils.py `call_endpoint`, and only
 * what the client then reads from each answer (`verify_rest_response`, then `ParseDict` into the
 * proto response, see proto-parse.ts).
 */
describe("the Python mlflow client's tracking calls", () => {
  let server: TestServer;
  let py: PythonRest;
  let experimentId = "";
  let runId = "";

  /** What `call_endpoint` accepts: 200 and a body that parses into the response proto. */
  function parsed(response: PyResponse, shape: Shape): Record<string, unknown> {
    expect(response.status, response.text).toBe(200);
    expect(response.json, "a 200 on /api/2.0 must be a JSON object").toBeTypeOf("object");
    expect(parseErrors(shape, response.json)).toEqual([]);
    return response.json;
  }

  /** What `RestException` reads from an error: the code, from a JSON body. */
  function failed(response: PyResponse, status: number, code: string): string {
    expect(response.status).toBe(status);
    expect(response.json["error_code"]).toBe(code);
    expect(response.json["message"]).toBeTypeOf("string");
    return response.json["message"] as string;
  }

  beforeAll(async () => {
    server = await startTestServer();
    py = new PythonRest(server.url);
  });
  afterAll(() => server.close());

  it("GET /version is a PEP 440 version, which MLflow 3's RestStore._get_server_version parses", async () => {
    // packaging.version.Version(response.text): a failure there turns version-gated features off.
    const version = await py.get("/version");
    expect(version.status).toBe(200);
    expect(version.text).toMatch(/^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?(\+[a-z0-9]+([-_.][a-z0-9]+)*)?$/i);
    // From 3.4 on, clients would export spans to /v1/traces, which Cairn does not serve.
    const [major = 0, minor = 0] = version.text.split(/[.+]/).map(Number);
    expect(major * 1000 + minor).toBeLessThan(3004);
  });

  it("mlflow.set_experiment: get-by-name misses, create, then get", async () => {
    // fluent.set_experiment -> RestStore.get_experiment_by_name: GET with the name in the query
    // (urlencode: a space is '+'), and RESOURCE_DOES_NOT_EXIST means "create it".
    const name = "My Experiment: v1/α";
    const miss = await py.get(`${API}/experiments/get-by-name`, { experiment_name: name });
    failed(miss, 404, "RESOURCE_DOES_NOT_EXIST");
    // CreateExperiment(name, artifact_location=None, tags=[]): unset and empty fields are omitted.
    const created = parsed(await py.post(`${API}/experiments/create`, { name }), RESPONSES.createExperiment);
    experimentId = created["experiment_id"] as string;
    expect(experimentId).toMatch(/^\d+$/);
    const got = parsed(await py.get(`${API}/experiments/get`, { experiment_id: experimentId }), RESPONSES.getExperiment);
    const experiment = got["experiment"] as Record<string, unknown>;
    expect(experiment).toMatchObject({ experiment_id: experimentId, name, lifecycle_stage: "active" });
    const byName = parsed(await py.get(`${API}/experiments/get-by-name`, { experiment_name: name }), RESPONSES.getExperiment);
    expect((byName["experiment"] as Record<string, unknown>)["experiment_id"]).toBe(experimentId);
    // A concurrent script creating the same name: the client catches this code and reads by name.
    failed(await py.post(`${API}/experiments/create`, { name }), 400, "RESOURCE_ALREADY_EXISTS");
  });

  it("experiment names that urlencode awkwardly round-trip through get-by-name", async () => {
    for (const name of ["exp+1 & 100% = ok?", "a/b#c", "  spaced  ", "日本語"]) {
      const created = parsed(await py.post(`${API}/experiments/create`, { name }), RESPONSES.createExperiment);
      const byName = parsed(await py.get(`${API}/experiments/get-by-name`, { experiment_name: name }), RESPONSES.getExperiment);
      expect(byName["experiment"]).toMatchObject({ experiment_id: created["experiment_id"], name });
    }
  });

  it("mlflow.set_experiment on a deleted name: get-by-name still answers, with lifecycle_stage deleted", async () => {
    // fluent.set_experiment raises "Cannot set a deleted experiment" from this answer instead of
    // creating a duplicate; a 404 here would make it call create and fail on the name.
    const created = parsed(await py.post(`${API}/experiments/create`, { name: "to-delete" }), RESPONSES.createExperiment);
    parsed(await py.post(`${API}/experiments/delete`, { experiment_id: created["experiment_id"] as string }), RESPONSES.empty);
    const byName = parsed(await py.get(`${API}/experiments/get-by-name`, { experiment_name: "to-delete" }), RESPONSES.getExperiment);
    expect(byName["experiment"]).toMatchObject({ lifecycle_stage: "deleted" });
  });

  it("mlflow.search_experiments: POST with the view type by name and max_results", async () => {
    const page = parsed(
      await py.post(`${API}/experiments/search`, { max_results: 1000, view_type: "ACTIVE_ONLY" }),
      RESPONSES.searchExperiments,
    );
    expect((page["experiments"] as Array<{ name: string }>).map((e) => e.name)).toContain("My Experiment: v1/α");
    // PagedList(token=None) needs the token absent (HasField), not "".
    expect(page).not.toHaveProperty("next_page_token");
  });

  it("mlflow.start_run(run_name=...): create with the context tags, user_id and start_time", async () => {
    // TrackingServiceClient.create_run: user_id from the mlflow.user tag, tags from the context
    // providers, and fluent.start_run also sets mlflow.runName to the run name.
    const created = parsed(
      await py.post(`${API}/runs/create`, {
        experiment_id: experimentId,
        user_id: "alice",
        start_time: 1700000000123,
        tags: [
          { key: "mlflow.user", value: "alice" },
          { key: "mlflow.source.name", value: "train.py" },
          { key: "mlflow.source.type", value: "LOCAL" },
          { key: "mlflow.source.git.commit", value: "0123456789abcdef0123456789abcdef01234567" },
          { key: "mlflow.runName", value: "brave-owl-42" },
        ],
        run_name: "brave-owl-42",
      }),
      RESPONSES.createRun,
    );
    const run = created["run"] as { info: Record<string, unknown>; data: { tags: Array<{ key: string; value: string }> } };
    runId = run.info["run_id"] as string;
    expect(run.info).toMatchObject({
      run_uuid: runId,
      run_name: "brave-owl-42",
      experiment_id: experimentId,
      user_id: "alice",
      status: "RUNNING",
      start_time: 1700000000123,
      lifecycle_stage: "active",
    });
    // The artifact repository is chosen from this URI: mlflow-artifacts: goes through the proxy.
    expect(run.info["artifact_uri"]).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
    expect(run.info).not.toHaveProperty("end_time");
    expect(run.data.tags).toEqual(expect.arrayContaining([{ key: "mlflow.runName", value: "brave-owl-42" }]));
  });

  it("mlflow.start_run() without a name: the server names the run and tags it", async () => {
    const created = parsed(
      await py.post(`${API}/runs/create`, {
        experiment_id: experimentId,
        user_id: "alice",
        start_time: 1700000000999,
        tags: [{ key: "mlflow.user", value: "alice" }],
      }),
      RESPONSES.createRun,
    );
    const run = created["run"] as { info: { run_name: string }; data: { tags: Array<{ key: string; value: string }> } };
    expect(run.info.run_name).toMatch(/\S/);
    expect(run.data.tags).toEqual(expect.arrayContaining([{ key: "mlflow.runName", value: run.info.run_name }]));
  });

  it("mlflow.get_run / active run checks: GET with both run_uuid and run_id", async () => {
    // GetRun(run_uuid=run_id, run_id=run_id): field order of the proto, both keys sent.
    const got = parsed(await py.get(`${API}/runs/get`, { run_uuid: runId, run_id: runId }), RESPONSES.getRun);
    expect((got["run"] as { info: { run_id: string } }).info.run_id).toBe(runId);
    failed(await py.get(`${API}/runs/get`, { run_uuid: "f".repeat(32), run_id: "f".repeat(32) }), 404, "RESOURCE_DOES_NOT_EXIST");
  });

  it("mlflow.log_param: log-parameter with run_uuid and run_id; same value again is fine", async () => {
    const body = { run_uuid: runId, run_id: runId, key: "lr", value: "0.01" };
    parsed(await py.post(`${API}/runs/log-parameter`, body), RESPONSES.empty);
    // The client retries 5xx: a replayed identical param must not fail.
    parsed(await py.post(`${API}/runs/log-parameter`, body), RESPONSES.empty);
    // TrackingServiceClient.log_param appends its hint to an INVALID_PARAMETER_VALUE message.
    failed(await py.post(`${API}/runs/log-parameter`, { ...body, value: "0.1" }), 400, "INVALID_PARAMETER_VALUE");
  });

  it("mlflow.log_metric: log-metric with a float value, int64 timestamp and step (3.x adds model and dataset)", async () => {
    parsed(
      await py.post(`${API}/runs/log-metric`, {
        run_uuid: runId,
        run_id: runId,
        key: "loss",
        value: new PyFloat(0.5),
        timestamp: 1700000001000,
        step: 0,
      }),
      RESPONSES.empty,
    );
    // An integral float is written "1.0"; NaN arrives as the string message_to_json writes.
    parsed(
      await py.post(`${API}/runs/log-metric`, {
        run_uuid: runId,
        run_id: runId,
        key: "loss",
        value: new PyFloat(1),
        timestamp: 1700000002000,
        step: 1,
      }),
      RESPONSES.empty,
    );
    parsed(
      await py.post(`${API}/runs/log-metric`, {
        run_uuid: runId,
        run_id: runId,
        key: "grad_norm",
        value: "NaN",
        timestamp: 1700000002000,
        step: 1,
      }),
      RESPONSES.empty,
    );
    // MLflow 3: LogMetric carries the dataset and model the metric was computed on.
    parsed(
      await py.post(`${API}/runs/log-metric`, {
        run_uuid: runId,
        run_id: runId,
        key: "accuracy",
        value: new PyFloat(0.9),
        timestamp: 1700000003000,
        step: 2,
        dataset_name: "eval",
        dataset_digest: "abc123",
      }),
      RESPONSES.empty,
    );
  });

  it("mlflow.log_metrics/log_params/set_tags and async logging: log-batch", async () => {
    // Metric.to_proto in 3.x sets run_id on each metric too; the client splits batches itself.
    const metrics = Array.from({ length: 5 }, (_, step) => ({
      key: "system/cpu_utilization_percentage",
      value: new PyFloat(10 + step),
      timestamp: 1700000010000 + step,
      step,
      run_id: runId,
    }));
    parsed(
      await py.post(`${API}/runs/log-batch`, {
        run_id: runId,
        metrics,
        params: [
          { key: "batch_size", value: "32" },
          { key: "optimizer", value: "Adam — β1=0.9" },
        ],
        tags: [{ key: "mlflow.note.content", value: "first try" }],
      }),
      RESPONSES.empty,
    );
    // An async flush of params only: empty repeated fields are simply absent from the body.
    parsed(await py.post(`${API}/runs/log-batch`, { run_id: runId, params: [{ key: "epochs", value: "3" }] }), RESPONSES.empty);
    parsed(await py.post(`${API}/runs/log-batch`, { run_id: runId }), RESPONSES.empty);
  });

  it("a full log-batch as TrackingServiceClient.log_batch chunks it: 100 params, 100 tags, 800 metrics", async () => {
    const batchRun = parsed(
      await py.post(`${API}/runs/create`, { experiment_id: experimentId, user_id: "alice", start_time: 1600000000000 }),
      RESPONSES.createRun,
    );
    const id = (batchRun["run"] as { info: { run_id: string } }).info.run_id;
    const body = {
      run_id: id,
      metrics: Array.from({ length: 800 }, (_, step) => ({
        key: "m",
        value: new PyFloat(step / 3),
        timestamp: 1600000000000 + step,
        step,
      })),
      params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: `${i}` })),
      tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: `${i}` })),
    };
    parsed(await py.post(`${API}/runs/log-batch`, body), RESPONSES.empty);
    // A retried request (the client retries 5xx up to 7 times) must succeed again, unchanged.
    parsed(await py.post(`${API}/runs/log-batch`, body), RESPONSES.empty);
    const history = parsed(
      await py.get(`${API}/metrics/get-history`, { run_uuid: id, run_id: id, metric_key: "m", max_results: 25000 }),
      RESPONSES.getMetricHistory,
    );
    expect(history["metrics"]).toHaveLength(800);
    parsed(await py.post(`${API}/runs/delete`, { run_id: id }), RESPONSES.empty);
  });

  it("mlflow.log_model (2.x): log-model appends the model to the mlflow.log-model.history tag", async () => {
    // RestStore.record_logged_model: model_json is json.dumps(Model.get_tags_dict()).
    const model = {
      run_id: runId,
      artifact_path: "model",
      utc_time_created: "2024-05-01 12:00:00.000000",
      flavors: {
        python_function: { loader_module: "mlflow.sklearn", python_version: "3.11.9", env: { conda: "conda.yaml" } },
        sklearn: { pickled_model: "model.pkl", sklearn_version: "1.4.2", serialization_format: "cloudpickle" },
      },
      model_uuid: "6f1d3c0e7b2a4b8c9d0e1f2a3b4c5d6e",
    };
    const modelJson =
      '{"run_id": "' +
      runId +
      '", "artifact_path": "model", "utc_time_created": "2024-05-01 12:00:00.000000", ' +
      '"flavors": {"python_function": {"loader_module": "mlflow.sklearn", "python_version": "3.11.9", "env": {"conda": "conda.yaml"}}, ' +
      '"sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.4.2", "serialization_format": "cloudpickle"}}, ' +
      '"model_uuid": "6f1d3c0e7b2a4b8c9d0e1f2a3b4c5d6e"}';
    parsed(await py.post(`${API}/runs/log-model`, { run_id: runId, model_json: modelJson }), RESPONSES.empty);
    const got = parsed(await py.get(`${API}/runs/get`, { run_uuid: runId, run_id: runId }), RESPONSES.getRun);
    const tags = (got["run"] as { data: { tags: Array<{ key: string; value: string }> } }).data.tags;
    const history = tags.find((t) => t.key === "mlflow.log-model.history");
    expect(JSON.parse(history?.value ?? "[]")).toEqual([model]);
    failed(
      await py.post(`${API}/runs/log-model`, { run_id: runId, model_json: '{"artifact_path": "model"}' }),
      400,
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("mlflow.set_tag and delete_tag", async () => {
    parsed(await py.post(`${API}/runs/set-tag`, { run_uuid: runId, run_id: runId, key: "stage", value: "dev" }), RESPONSES.empty);
    parsed(await py.post(`${API}/runs/set-tag`, { run_uuid: runId, run_id: runId, key: "stage", value: "prod" }), RESPONSES.empty);
    parsed(await py.post(`${API}/runs/set-tag`, { run_uuid: runId, run_id: runId, key: "tmp", value: "x" }), RESPONSES.empty);
    parsed(await py.post(`${API}/runs/delete-tag`, { run_id: runId, key: "tmp" }), RESPONSES.empty);
  });

  it("mlflow.log_input: log-inputs with a dataset whose schema and profile are JSON strings", async () => {
    const dataset = {
      name: "iris",
      digest: "d41d8cd9",
      source_type: "local",
      source: '{"uri": "/data/iris.csv"}',
      schema: '{"mlflow_colspec": [{"type": "double", "name": "sepal length (cm)"}]}',
      profile: '{"num_rows": 150, "num_elements": 600}',
    };
    parsed(
      await py.post(`${API}/runs/log-inputs`, {
        run_id: runId,
        datasets: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }],
      }),
      RESPONSES.empty,
    );
    const got = parsed(await py.get(`${API}/runs/get`, { run_uuid: runId, run_id: runId }), RESPONSES.getRun);
    const inputs = (got["run"] as { inputs: { dataset_inputs: unknown[] } }).inputs;
    expect(inputs.dataset_inputs).toEqual([{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }]);
  });

  it("MLflow 3 model links on a run: log-inputs/outputs with models and metrics with model_id parse back", async () => {
    // RestStore.log_inputs(models=[LoggedModelInput]) and log_outputs(models=[LoggedModelOutput]);
    // the logged model itself comes from POST /logged-models (see logged-models-wire.test.ts).
    const linked = parsed(
      await py.post(`${API}/runs/create`, { experiment_id: experimentId, user_id: "alice", start_time: 1600000000001 }),
      RESPONSES.createRun,
    );
    const id = (linked["run"] as { info: { run_id: string } }).info.run_id;
    const model = await py.post(`${API}/logged-models`, { experiment_id: experimentId, name: "model", source_run_id: id });
    const modelId = (model.json["model"] as { info: { model_id: string } }).info.model_id;
    parsed(await py.post(`${API}/runs/log-inputs`, { run_id: id, models: [{ model_id: modelId }] }), RESPONSES.empty);
    parsed(await py.post(`${API}/runs/outputs`, { run_id: id, models: [{ model_id: modelId, step: 3 }] }), RESPONSES.empty);
    parsed(
      await py.post(`${API}/runs/log-batch`, {
        run_id: id,
        metrics: [{ key: "acc", value: new PyFloat(0.75), timestamp: 1600000000100, step: 3, model_id: modelId, run_id: id }],
      }),
      RESPONSES.empty,
    );
    const got = parsed(await py.get(`${API}/runs/get`, { run_uuid: id, run_id: id }), RESPONSES.getRun);
    expect(got["run"]).toMatchObject({
      data: { metrics: [{ key: "acc", value: 0.75, step: 3, model_id: modelId }] },
      inputs: { model_inputs: [{ model_id: modelId }] },
      outputs: { model_outputs: [{ model_id: modelId, step: 3 }] },
    });
    parsed(await py.post(`${API}/runs/delete`, { run_id: id }), RESPONSES.empty);
  });

  it("MlflowClient.get_metric_history: GET with max_results=25000, paging on next_page_token", async () => {
    const history = parsed(
      await py.get(`${API}/metrics/get-history`, { run_uuid: runId, run_id: runId, metric_key: "loss", max_results: 25000 }),
      RESPONSES.getMetricHistory,
    );
    expect(history["metrics"]).toEqual([
      { key: "loss", value: 0.5, timestamp: 1700000001000, step: 0 },
      { key: "loss", value: 1, timestamp: 1700000002000, step: 1 },
    ]);
    // The client loops while `next_page_token or None` is set: it must not be set on the last page.
    expect(history["next_page_token"] ?? "").toBe("");
    const nan = parsed(
      await py.get(`${API}/metrics/get-history`, { run_uuid: runId, run_id: runId, metric_key: "grad_norm", max_results: 25000 }),
      RESPONSES.getMetricHistory,
    );
    expect((nan["metrics"] as Array<{ value: unknown }>)[0]?.value).toBe("NaN");
    // The token goes back as the client got it, through urlencode.
    const collected: unknown[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const params: Record<string, string | number> = {
        run_uuid: runId,
        run_id: runId,
        metric_key: "system/cpu_utilization_percentage",
        max_results: 2,
      };
      if (token) params["page_token"] = token;
      const answer = parsed(await py.get(`${API}/metrics/get-history`, params), RESPONSES.getMetricHistory);
      collected.push(...((answer["metrics"] as unknown[] | undefined) ?? []));
      token = (answer["next_page_token"] as string | undefined) || undefined;
      if (!token) break;
    }
    expect(collected.map((m) => (m as { step: number }).step)).toEqual([0, 1, 2, 3, 4]);
    // An unknown key is an empty history, not an error.
    const none = parsed(
      await py.get(`${API}/metrics/get-history`, { run_uuid: runId, run_id: runId, metric_key: "nope", max_results: 25000 }),
      RESPONSES.getMetricHistory,
    );
    expect(none["metrics"] ?? []).toEqual([]);
  });

  it("mlflow.end_run: update with status and end_time, no run_name", async () => {
    const updated = parsed(
      await py.post(`${API}/runs/update`, { run_uuid: runId, run_id: runId, status: "FINISHED", end_time: 1700000099000 }),
      RESPONSES.updateRun,
    );
    expect(updated["run_info"]).toMatchObject({ run_id: runId, status: "FINISHED", end_time: 1700000099000, run_name: "brave-owl-42" });
    // MlflowClient.update_run(name=...) keeps the end time it read and renames the run.
    const renamed = parsed(
      await py.post(`${API}/runs/update`, {
        run_uuid: runId,
        run_id: runId,
        status: "FINISHED",
        end_time: 1700000099000,
        run_name: "renamed",
      }),
      RESPONSES.updateRun,
    );
    expect(renamed["run_info"]).toMatchObject({ run_name: "renamed", end_time: 1700000099000 });
    const got = parsed(await py.get(`${API}/runs/get`, { run_uuid: runId, run_id: runId }), RESPONSES.getRun);
    const tags = (got["run"] as { data: { tags: Array<{ key: string; value: string }> } }).data.tags;
    expect(tags).toEqual(expect.arrayContaining([{ key: "mlflow.runName", value: "renamed" }]));
  });

  it("mlflow.start_run(run_id=...) resumes a finished run: update to RUNNING keeping its end_time", async () => {
    // fluent.start_run with an existing id: update_run_info(RUNNING, end_time=<the one it read>).
    parsed(
      await py.post(`${API}/runs/update`, { run_uuid: runId, run_id: runId, status: "RUNNING", end_time: 1700000099000 }),
      RESPONSES.updateRun,
    );
    parsed(await py.post(`${API}/runs/log-batch`, { run_id: runId, tags: [{ key: "resumed", value: "yes" }] }), RESPONSES.empty);
    const ended = parsed(
      await py.post(`${API}/runs/update`, { run_uuid: runId, run_id: runId, status: "FINISHED", end_time: 1700000099000 }),
      RESPONSES.updateRun,
    );
    expect(ended["run_info"]).toMatchObject({ status: "FINISHED", end_time: 1700000099000 });
  });

  it("mlflow.search_runs: POST with the view type by name, an empty filter, and pages of 10000", async () => {
    // fluent.search_runs -> _paginate(NUM_RUNS_PER_PAGE_PANDAS=10000); SearchRuns(filter="") is sent.
    const page = parsed(
      await py.post(`${API}/runs/search`, {
        experiment_ids: [experimentId],
        filter: "",
        run_view_type: "ACTIVE_ONLY",
        max_results: 10000,
      }),
      RESPONSES.searchRuns,
    );
    const runs = page["runs"] as Array<{ info: { run_id: string }; data: Record<string, unknown> }>;
    expect(runs).toHaveLength(2);
    // Ordered by start_time DESC: the nameless run started later.
    expect(runs[1]?.info.run_id).toBe(runId);
    expect(page).not.toHaveProperty("next_page_token");
    const data = runs[1]?.data as { metrics: Array<{ key: string; value: unknown }>; params: Array<{ key: string }> };
    // run.data.metrics holds the latest value per key, which becomes the metrics.* columns.
    expect(data.metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "loss", value: 1 }),
        expect.objectContaining({ key: "grad_norm", value: "NaN" }),
      ]),
    );
    expect(data.params.map((p) => p.key).sort()).toEqual(["batch_size", "epochs", "lr", "optimizer"]);
    // A filter and order_by the way users write them in a notebook.
    const filtered = parsed(
      await py.post(`${API}/runs/search`, {
        experiment_ids: [experimentId],
        filter: "metrics.loss < 2 and params.lr = '0.01' and tags.`mlflow.runName` = 'renamed' and attributes.status = 'FINISHED'",
        run_view_type: "ACTIVE_ONLY",
        max_results: 10000,
        order_by: ["metrics.loss DESC", "attributes.start_time"],
      }),
      RESPONSES.searchRuns,
    );
    expect((filtered["runs"] as Array<{ info: { run_id: string } }>).map((r) => r.info.run_id)).toEqual([runId]);
    // MlflowClient.search_runs(max_results=1) pages with the token the server gave.
    const first = parsed(
      await py.post(`${API}/runs/search`, { experiment_ids: [experimentId], filter: "", run_view_type: "ACTIVE_ONLY", max_results: 1 }),
      RESPONSES.searchRuns,
    );
    const second = parsed(
      await py.post(`${API}/runs/search`, {
        experiment_ids: [experimentId],
        filter: "",
        run_view_type: "ACTIVE_ONLY",
        max_results: 1,
        page_token: first["next_page_token"] as string,
      }),
      RESPONSES.searchRuns,
    );
    expect((second["runs"] as Array<{ info: { run_id: string } }>)[0]?.info.run_id).toBe(runId);
  });

  it("mlflow.search_runs filters and orderings as the MLflow docs write them", async () => {
    const search = async (filter: string, orderBy: string[] = []) => {
      const body: Record<string, string | number | string[]> = {
        experiment_ids: [experimentId],
        filter,
        run_view_type: "ACTIVE_ONLY",
        max_results: 10000,
      };
      if (orderBy.length > 0) body["order_by"] = orderBy;
      const page = parsed(await py.post(`${API}/runs/search`, body), RESPONSES.searchRuns);
      return ((page["runs"] as Array<{ info: { run_id: string } }> | undefined) ?? []).map((r) => r.info.run_id);
    };
    const matches: Array<[string, boolean]> = [
      ["tags.mlflow.runName = 'renamed'", true],
      ["tags.`mlflow.user` = 'alice' and tags.stage = 'prod'", true],
      ["attributes.run_name = 'renamed'", true],
      ["run_name = 'renamed'", true],
      ["attributes.`Run name` = 'renamed'", true],
      ['params.lr = "0.01"', true],
      ["params.optimizer LIKE 'Adam%'", true],
      ["tags.stage ILIKE 'PROD'", true],
      ["metrics.loss >= 1 AND metrics.loss <= 1", true],
      ["metrics.`system/cpu_utilization_percentage` > 13", true],
      ["attributes.status = 'FINISHED'", true],
      ["status != 'RUNNING'", true],
      [`attributes.run_id IN ('${runId}', 'x')`, true],
      [`attributes.run_id = '${runId}'`, true],
      ["attributes.start_time < 1700000000500", true],
      ["attributes.end_time = 1700000099000", true],
      ["attributes.user_id = 'alice' and params.lr = '0.01'", true],
      ["datasets.name = 'iris'", true],
      ["datasets.digest IN ('d41d8cd9')", true],
      ["datasets.context = 'training'", true],
      ["metrics.loss > 5", false],
      ["params.lr = '0.1'", false],
    ];
    for (const [filter, found] of matches) {
      expect(await search(filter), filter).toEqual(found ? [runId] : []);
    }
    for (const orderBy of [["start_time DESC"], ["attributes.end_time"], ["metrics.`loss` ASC"], ["tags.stage"], ["params.lr DESC"]]) {
      expect(await search("", orderBy), orderBy.join()).toContain(runId);
    }
  });

  it("mlflow.delete_run / restore_run and the deleted view", async () => {
    parsed(await py.post(`${API}/runs/delete`, { run_id: runId }), RESPONSES.empty);
    const deleted = parsed(
      await py.post(`${API}/runs/search`, {
        experiment_ids: [experimentId],
        filter: "",
        run_view_type: "DELETED_ONLY",
        max_results: 10000,
      }),
      RESPONSES.searchRuns,
    );
    expect((deleted["runs"] as Array<{ info: { run_id: string; lifecycle_stage: string } }>)[0]?.info).toMatchObject({
      run_id: runId,
      lifecycle_stage: "deleted",
    });
    parsed(await py.post(`${API}/runs/restore`, { run_id: runId }), RESPONSES.empty);
  });
});
