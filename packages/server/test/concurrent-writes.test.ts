import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase as createMysqlDatabase } from "../../store/test/mysql-database.js";
import { createTestDatabase } from "../../store/test/postgres-database.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const TIMES = 20;

/** The same request sent TIMES times at once; the answers in the order they were sent. */
async function burst(server: TestServer, route: string, body: (i: number) => unknown) {
  return Promise.all(Array.from({ length: TIMES }, (_, i) => server.post(route, body(i))));
}

const codes = (answers: Array<{ status: number; json: Record<string, unknown> }>) =>
  answers.map((answer) => (answer.status === 200 ? "OK" : `${answer.status} ${String(answer.json["error_code"])}`)).sort();

/**
 * Clients retry and run in parallel: the same write arriving many times at once must give one
 * winner and clean MLflow errors for the rest (never a 500 from a lost race), and leave exactly
 * what one write would have left.
 */
function concurrentWrites(backend: string, start: () => Promise<{ server: TestServer; dispose(): Promise<void> }>) {
  describe(`concurrent writes (${backend})`, () => {
    let server: TestServer;
    let dispose: () => Promise<void>;
    let experimentId = "";
    const newRun = async () =>
      ((await server.post(`${API}/runs/create`, { experiment_id: experimentId })).json["run"] as { info: { run_id: string } }).info.run_id;

    beforeAll(async () => {
      ({ server, dispose } = await start());
      experimentId = (await server.post(`${API}/experiments/create`, { name: "concurrent" })).json["experiment_id"] as string;
    });
    afterAll(() => dispose?.());

    it("the same log-batch sent at once is logged once", async () => {
      const runId = await newRun();
      const batch = {
        run_id: runId,
        metrics: [{ key: "loss", value: 0.25, timestamp: 1000, step: 1 }],
        params: [{ key: "lr", value: "0.1" }],
        tags: [{ key: "team", value: "a" }],
      };
      expect(codes(await burst(server, `${API}/runs/log-batch`, () => batch))).toEqual(Array(TIMES).fill("OK"));
      const run = (await server.get(`${API}/runs/get?run_id=${runId}`)).json["run"] as {
        data: { params: unknown[]; tags: Array<{ key: string }> };
      };
      expect(run.data.params).toEqual([{ key: "lr", value: "0.1" }]);
      expect(run.data.tags.filter((tag) => tag.key === "team")).toEqual([{ key: "team", value: "a" }]);
      const history = await server.get(`${API}/metrics/get-history?run_id=${runId}&metric_key=loss`);
      expect(history.json["metrics"]).toEqual([{ key: "loss", value: 0.25, timestamp: 1000, step: 1 }]);
    });

    it("one param key logged with different values at once keeps exactly one", async () => {
      const runId = await newRun();
      const answers = await burst(server, `${API}/runs/log-parameter`, (i) => ({ run_id: runId, key: "seed", value: String(i) }));
      expect(codes(answers)).toEqual([...Array(TIMES - 1).fill("400 INVALID_PARAMETER_VALUE"), "OK"]);
      const winner = answers.findIndex((answer) => answer.status === 200);
      const run = (await server.get(`${API}/runs/get?run_id=${runId}`)).json["run"] as { data: { params: unknown[] } };
      expect(run.data.params).toEqual([{ key: "seed", value: String(winner) }]);
    });

    it("one experiment name created at once exists once", async () => {
      const answers = await burst(server, `${API}/experiments/create`, () => ({ name: "raced-experiment" }));
      expect(codes(answers)).toEqual([...Array(TIMES - 1).fill("400 RESOURCE_ALREADY_EXISTS"), "OK"]);
      const found = await server.get(
        `${API}/experiments/search?max_results=1000&filter=${encodeURIComponent("name = 'raced-experiment'")}`,
      );
      expect(found.json["experiments"]).toHaveLength(1);
    });

    it("one registered model name created at once exists once", async () => {
      const answers = await burst(server, `${API}/registered-models/create`, () => ({ name: "raced-model" }));
      expect(codes(answers)).toEqual([...Array(TIMES - 1).fill("400 RESOURCE_ALREADY_EXISTS"), "OK"]);
    });

    it("versions created at once get distinct numbers", async () => {
      await server.post(`${API}/registered-models/create`, { name: "versioned" });
      const runId = await newRun();
      const answers = await burst(server, `${API}/model-versions/create`, () => ({
        name: "versioned",
        source: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`,
        run_id: runId,
      }));
      expect(codes(answers)).toEqual(Array(TIMES).fill("OK"));
      const versions = answers.map((answer) => Number((answer.json["model_version"] as { version: string }).version));
      expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: TIMES }, (_, i) => i + 1));
    });

    it("renames, aliases, tags and deletes of one model racing each other never fail with a 500", async () => {
      await server.post(`${API}/registered-models/create`, { name: "chaos" });
      const runId = await newRun();
      const source = `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`;
      await server.post(`${API}/model-versions/create`, { name: "chaos", source });
      const call = (method: string, route: string, body: unknown) =>
        fetch(`${server.url}${API}${route}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
          async (response) => ({ status: response.status, text: await response.text() }),
        );
      const answers = await Promise.all(
        Array.from({ length: TIMES * 2 }, (_, i) => {
          switch (i % 6) {
            case 0:
              return call("POST", "/model-versions/create", { name: "chaos", source });
            case 1:
              return call("POST", "/registered-models/alias", { name: "chaos", alias: "live", version: "1" });
            case 2:
              return call("POST", "/registered-models/set-tag", { name: "chaos", key: "k", value: String(i) });
            case 3:
              return call("POST", "/model-versions/set-tag", { name: "chaos", version: "1", key: "k", value: String(i) });
            case 4:
              return call("DELETE", "/model-versions/delete", { name: "chaos", version: String(1 + (i % 3)) });
            default:
              return call("DELETE", "/registered-models/delete", { name: "chaos" });
          }
        }),
      );
      for (const answer of answers) {
        expect(answer.status, answer.text).toBeLessThan(500);
        if (answer.status >= 400) expect(typeof JSON.parse(answer.text).error_code, answer.text).toBe("string");
      }
      expect((await server.get("/health")).status).toBe(200);
    });

    it("runs, tags, renames and deletes of one experiment racing each other never fail with a 500", async () => {
      const id = (await server.post(`${API}/experiments/create`, { name: "chaos-experiment" })).json["experiment_id"] as string;
      const runId = await newRun();
      const answers = await Promise.all(
        Array.from({ length: TIMES * 2 }, (_, i) => {
          switch (i % 7) {
            case 0:
              return server.post(`${API}/runs/create`, { experiment_id: id });
            case 1:
              return server.post(`${API}/experiments/set-experiment-tag`, { experiment_id: id, key: "k", value: String(i) });
            case 2:
              return server.post(`${API}/experiments/update`, { experiment_id: id, new_name: `chaos-${i % 3}` });
            case 3:
              return server.post(`${API}/experiments/delete`, { experiment_id: id });
            case 4:
              return server.post(`${API}/experiments/restore`, { experiment_id: id });
            case 5:
              return server.post(`${API}/runs/delete`, { run_id: runId });
            default:
              return server.post(`${API}/runs/log-batch`, {
                run_id: runId,
                params: [{ key: `p${i % 2}`, value: String(i % 2) }],
                metrics: [{ key: "m", value: i, timestamp: i, step: i }],
              });
          }
        }),
      );
      for (const answer of answers) {
        // INVALID_STATE (MLflow's 500 for renaming a deleted experiment) is an answer, not a crash.
        if (answer.json["error_code"] !== "INVALID_STATE") expect(answer.status, answer.text).toBeLessThan(500);
        if (answer.status >= 400) expect(typeof answer.json["error_code"], answer.text).toBe("string");
      }
    });

    it("tags, params, finalizing and deleting one logged model racing each other never fail with a 500", async () => {
      const created = await server.post(`${API}/logged-models`, { experiment_id: experimentId, name: "chaos-logged" });
      const modelId = (created.json["model"] as { info: { model_id: string } }).info.model_id;
      const call = (method: string, route: string, body: unknown) =>
        fetch(`${server.url}${API}/logged-models/${modelId}${route}`, {
          method,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then(async (response) => ({ status: response.status, text: await response.text() }));
      const answers = await Promise.all(
        Array.from({ length: TIMES * 2 }, (_, i) => {
          switch (i % 5) {
            case 0:
              return call("PATCH", "/tags", { tags: [{ key: "k", value: String(i) }] });
            case 1:
              return call("POST", "/params", { params: [{ key: `p${i % 2}`, value: "same" }] });
            case 2:
              return call("PATCH", "", { status: "LOGGED_MODEL_READY" });
            case 3:
              return call("DELETE", "/tags/k", {});
            default:
              return call("DELETE", "", {});
          }
        }),
      );
      for (const answer of answers) {
        expect(answer.status, answer.text).toBeLessThan(500);
        if (answer.status >= 400) expect(typeof JSON.parse(answer.text).error_code, answer.text).toBe("string");
      }
    });
  });
}

concurrentWrites("SQLite", async () => {
  const server = await startTestServer();
  return { server, dispose: () => server.close() };
});

/** A server on a fresh database of its own, dropped afterwards. */
const onFreshDatabase = (createDatabase: () => Promise<{ url: string; drop(): Promise<void> }>) => async () => {
  const database = await createDatabase();
  const server = await startTestServer({ backendUri: database.url });
  return {
    server,
    async dispose() {
      await server.close();
      await database.drop();
    },
  };
};

concurrentWrites("PostgreSQL", onFreshDatabase(createTestDatabase));
concurrentWrites("MariaDB", onFreshDatabase(createMysqlDatabase));
