import http from "node:http";
import { api } from "@cairn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase as createMysqlDatabase } from "../../store/test/mysql-database.js";
import { createTestDatabase } from "../../store/test/postgres-database.js";
import {
  CONTENT_TYPES,
  escapeAll,
  HOSTILE_BODIES,
  HOSTILE_STRINGS,
  hostileQueryPairs,
  messageFor,
  Random,
  Raw,
  toJsonText,
} from "./hostile-values.js";
import { PATH_ATTACKS } from "./path-attacks.js";
import { startTestServer, type TestServer } from "./test-server.js";

/**
 * Seeded property test over every route: hostile requests (wrong JSON types, numbers beyond
 * int64 and double, NUL and lone surrogates, invalid UTF-8, malformed escapes, duplicate keys,
 * odd content types, broken page tokens, traversal shapes) must each get an MLflow error body
 * and never a 500 (MLflow's own 501 NOT_IMPLEMENTED and 500 INVALID_STATE excepted); the server must still
 * be up afterwards, and a rejected write must leave the store as it was.
 */

/** Fixed, so CI always sends the same requests; `CAIRN_FUZZ_SEED=n` explores others locally. */
const SEED = Number(process.env["CAIRN_FUZZ_SEED"] ?? 20261123);
/** Requests per route; `CAIRN_FUZZ_SCALE=10` sends ten times as many (locally, not in CI). */
const SCALE = Number(process.env["CAIRN_FUZZ_SCALE"] ?? 1);
const REQUESTS_PER_ROUTE = 20 * SCALE;

interface Route {
  method: string;
  /** Below the host; `:name` segments are path parameters, a trailing `*` a free path. */
  path: string;
  spec: api.MessageSpec;
  /** Answers with a file or a stream on success, so a 2xx body need not be JSON. */
  stream?: boolean;
}

interface Sent {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string | Buffer | undefined;
  /** A Range header, for the file downloads. */
  range?: string;
}

const RANGES = [
  "bytes=0-0",
  "bytes=-1",
  "bytes=-0",
  "bytes=3-1",
  "bytes=99999999999999999999-",
  "bytes=0-1,2-3",
  "bytes=abc",
  "items=0-1",
  "bytes=1e309-",
  "bytes=",
  "bytes=9-",
];

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const S = { type: "string" } as const;
const strings = { type: "string", repeated: true } as const;

/** Every route the server has: the operation table at both prefixes, and the streamed routes. */
function allRoutes(): Route[] {
  const routes: Route[] = [];
  for (const operation of api.ALL_OPERATIONS) {
    for (const method of operation.methods) {
      for (const prefix of ["/api/2.0", "/ajax-api/2.0"]) {
        routes.push({ method, path: `${prefix}${operation.path}`, spec: operation.request });
      }
    }
  }
  for (const prefix of ["/api/2.0", "/ajax-api/2.0"]) {
    const artifacts = `${prefix}/mlflow-artifacts/artifacts`;
    routes.push({ method: "GET", path: artifacts, spec: { path: S } });
    for (const method of ["GET", "PUT", "DELETE"]) routes.push({ method, path: `${artifacts}/*`, spec: {}, stream: true });
    routes.push({ method: "GET", path: `${prefix}/mlflow-artifacts/presigned/*`, spec: {} });
    for (const step of ["create", "complete", "abort"]) {
      routes.push({
        method: "POST",
        path: `${prefix}/mlflow-artifacts/mpu/${step}/*`,
        spec: {
          path: S,
          upload_id: S,
          num_parts: { type: "int64" },
          parts: { type: { message: { part_number: { type: "int64" }, etag: S } }, repeated: true },
        },
      });
    }
    routes.push({
      method: "GET",
      path: `${prefix}/mlflow/logged-models/:model_id/artifacts/files`,
      spec: { artifact_file_path: S },
      stream: true,
    });
    routes.push({ method: "GET", path: `${prefix}/cairn/experiments/storage`, spec: { experiment_id: strings } });
  }
  for (const path of ["/get-artifact", "/ajax-api/2.0/mlflow/get-artifact"]) {
    routes.push({ method: "GET", path, spec: { run_id: S, run_uuid: S, path: S }, stream: true });
  }
  for (const path of ["/model-versions/get-artifact", "/ajax-api/2.0/mlflow/model-versions/get-artifact"]) {
    routes.push({ method: "GET", path, spec: { name: S, version: S, path: S }, stream: true });
  }
  // Routes that do not exist, and methods a route does not take: a JSON 404, never a crash.
  routes.push(
    { method: "PUT", path: "/api/2.0/mlflow/experiments/*", spec: { name: S } },
    { method: "GET", path: "/ajax-api/2.0/*", spec: { path: S } },
    { method: "OPTIONS", path: "/api/2.0/mlflow/runs/create", spec: {} },
    { method: "POST", path: "/health", spec: {} },
  );
  return routes;
}

/** A keep-alive client that writes the path and body bytes exactly as given. */
function client(base: string) {
  const { port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const send = (request: Sent): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (request.contentType !== undefined) headers["content-type"] = request.contentType;
      if (request.body !== undefined) headers["content-length"] = Buffer.byteLength(request.body);
      if (request.range !== undefined) headers["range"] = request.range;
      const outgoing = http.request({ host: "127.0.0.1", port, agent, method: request.method, path: request.path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      });
      outgoing.on("error", reject);
      // A request the server never answers is a finding too, not a hung test.
      outgoing.setTimeout(5000, () => outgoing.destroy(new Error("no answer within 5 s")));
      outgoing.end(request.body);
    });
  return { send, close: () => agent.destroy() };
}

/** What is wrong with an answer, or null when it keeps the rules. */
function violation(route: Route, answer: Answer): string | null {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    json = undefined;
  }
  const error = json as { error_code?: unknown; message?: unknown } | undefined;
  // MLflow's own 5xx answers: NOT_IMPLEMENTED (501) for what a server does not offer, and
  // INVALID_STATE (500) for a request no retry can cure, such as renaming a deleted experiment.
  const documented =
    (answer.status === 501 && error?.error_code === "NOT_IMPLEMENTED") || (answer.status === 500 && error?.error_code === "INVALID_STATE");
  if (answer.status >= 500 && !documented) {
    return `status ${answer.status}`;
  }
  // A range past the end of a file is answered like any HTTP server does: 416, plain text.
  if (answer.status === 416 && route.stream) return null;
  if (answer.status >= 400) {
    if (typeof error?.error_code !== "string" || typeof error.message !== "string") return "error body without error_code and message";
    if (!answer.contentType.startsWith("application/json")) return `error with content type ${answer.contentType}`;
  } else if (!route.stream && answer.status < 300 && json === undefined) {
    return "2xx body is not JSON";
  }
  return null;
}

/** A query-string value for a typed value: repeated keys for lists, JSON for objects. */
function queryPairs(name: string, value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => queryPairs(name, item));
  if (value instanceof Raw) return [`${name}=${escapeAll(value.text.slice(0, 2000))}`];
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return [`${name}=${escapeAll(text.slice(0, 2000))}`];
}

/** The ids and names that exist, so that a share of the requests reaches the store. */
interface Seeds {
  experimentId: string;
  runId: string;
  model: string;
  loggedModelId: string;
  webhookId: string;
}

function plausibleValues(seeds: Seeds): (name: string) => readonly unknown[] | undefined {
  const table: Record<string, readonly unknown[]> = {
    experiment_id: [seeds.experimentId, "0", "999999"],
    experiment_ids: [seeds.experimentId, "0"],
    run_id: [seeds.runId],
    run_uuid: [seeds.runId],
    run_ids: [seeds.runId],
    name: [seeds.model, "fuzz-experiment"],
    experiment_name: ["fuzz-experiment"],
    version: ["1", "2"],
    model_id: [seeds.loggedModelId],
    webhook_id: [seeds.webhookId],
    alias: ["champion"],
    key: ["k", "lr", "acc"],
    metric_key: ["acc"],
    metric_keys: ["acc"],
    value: ["v", 1],
    source: [`mlflow-artifacts:/${seeds.experimentId}/${seeds.runId}/artifacts/model`],
    path: ["model/MLmodel", "a.txt", ""],
    artifact_file_path: ["MLmodel"],
    url: ["http://fuzz-hook.invalid:1/x", "http://127.0.0.1:1/x"],
    page_token: [Buffer.from('{"offset": 1}').toString("base64")],
    max_results: [1, 1000, 50_001, -5, 0],
    filter: ["metrics.acc > 0.5", "name = 'fuzz-model'", "tags.k = 'v'"],
    order_by: [["metrics.acc DESC"], ["name ASC"]],
    timestamp: [1_700_000_000_000],
    step: [0, 3],
  };
  return (name) => table[name];
}

/** Fills `:param` and `*` of a route path with plausible or hostile (escaped) segments. */
function fillPath(random: Random, route: Route, plausible: (name: string) => readonly unknown[] | undefined, hostile: boolean): string {
  let path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
    const known = plausible(name);
    if (!hostile && known) return escapeAll(String(random.pick(known)));
    return random.chance(0.5) ? random.pick(PATH_ATTACKS) : escapeAll(random.pick(HOSTILE_STRINGS).slice(0, 3000));
  });
  if (path.endsWith("*")) {
    const tail = hostile
      ? random.chance(0.5)
        ? random.pick(PATH_ATTACKS)
        : random.pick(["%", "%zz", "a%ff%fe", "\u00ff\u00fe", "a//b", "a/./b", escapeAll(random.pick(HOSTILE_STRINGS).slice(0, 3000))])
      : random.pick(["fuzz/a.txt", "fuzz/dir", "", "fuzz/missing.bin"]);
    path = `${path.slice(0, -1)}${tail}`;
  }
  return path;
}

/** The `n`th generated request for a route; the strategy cycles so each route gets every kind. */
function generate(random: Random, route: Route, n: number, plausible: (name: string) => readonly unknown[] | undefined): Sent {
  const strategy = n % 6;
  const path = fillPath(random, route, plausible, strategy === 5 || random.chance(0.15));
  const fields = Object.keys(route.spec);
  if (route.method === "GET") {
    if (strategy === 3)
      return {
        method: route.method,
        path: `${path}?${hostileQueryPairs(random, fields).join("&")}`,
        contentType: undefined,
        body: undefined,
      };
    if (strategy === 4) {
      // A GET without a query string reads a JSON body, as MLflow does.
      const body = random.chance(0.5)
        ? toJsonText(messageFor(random, route.spec, plausible, random.chance(0.5)))
        : random.pick(HOSTILE_BODIES);
      return { method: route.method, path, contentType: "application/json", body };
    }
    // Strategies 0 and 1 keep every value of the right type, so that requests get past the
    // type checks to the validators and the store; 2 mixes in values of the wrong type.
    const message = messageFor(random, route.spec, plausible, strategy < 2);
    const query = Object.entries(message).flatMap(([name, value]) => queryPairs(name, value));
    const range = route.stream && random.chance(0.4) ? { range: random.pick(RANGES) } : {};
    return {
      method: route.method,
      path: query.length > 0 ? `${path}?${query.join("&")}` : path,
      contentType: undefined,
      body: undefined,
      ...range,
    };
  }
  const typed = () => toJsonText(messageFor(random, route.spec, plausible, strategy < 2 || strategy === 4));
  if (strategy === 3) return { method: route.method, path, contentType: "application/json", body: random.pick(HOSTILE_BODIES) };
  if (strategy === 4) return { method: route.method, path, contentType: random.pick(CONTENT_TYPES), body: typed() };
  const query = random.chance(0.2) ? `?${hostileQueryPairs(random, fields).join("&")}` : "";
  return { method: route.method, path: `${path}${query}`, contentType: "application/json", body: typed() };
}

function describeSent(sent: Sent): string {
  const body = sent.body === undefined ? "" : ` body=${JSON.stringify(sent.body.toString().slice(0, 300))}`;
  return `${sent.method} ${sent.path.slice(0, 300)} (${sent.contentType ?? "no content type"})${body}`;
}

async function seed(server: TestServer): Promise<Seeds> {
  const api2 = "/api/2.0/mlflow";
  const experimentId = (await server.post(`${api2}/experiments/create`, { name: "fuzz-experiment" })).json["experiment_id"] as string;
  const run = (await server.post(`${api2}/runs/create`, { experiment_id: experimentId })).json["run"] as { info: { run_id: string } };
  const runId = run.info.run_id;
  const batch = await server.post(`${api2}/runs/log-batch`, {
    run_id: runId,
    // Points at the edges (steps and timestamps at ±(2^53-1), ±1e308, NaN, infinities), so the
    // history, interval and downsampling reads meet them on every run of the fuzz.
    metrics: [
      { key: "acc", value: 0.5, timestamp: 1, step: 0 },
      { key: "acc", value: 1e308, timestamp: Number.MAX_SAFE_INTEGER, step: Number.MAX_SAFE_INTEGER },
      { key: "acc", value: -1e308, timestamp: 0, step: -Number.MAX_SAFE_INTEGER },
      { key: "acc", value: "NaN", timestamp: 2, step: 1 },
      { key: "acc", value: "Infinity", timestamp: 3, step: 2 },
      { key: "acc", value: "-Infinity", timestamp: 4, step: -2 },
    ],
    params: [{ key: "lr", value: "0.1" }],
    tags: [{ key: "k", value: "v" }],
  });
  if (batch.status !== 200) throw new Error(batch.text);
  await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/MLmodel`, {
    method: "PUT",
    body: "flavors: {}\n",
  });
  await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/fuzz/a.txt`, { method: "PUT", body: "hello" });
  await server.post(`${api2}/registered-models/create`, { name: "fuzz-model" });
  await server.post(`${api2}/model-versions/create`, {
    name: "fuzz-model",
    source: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`,
    run_id: runId,
  });
  await server.post(`${api2}/registered-models/alias`, { name: "fuzz-model", alias: "champion", version: "1" });
  const logged = await server.post(`${api2}/logged-models`, { experiment_id: experimentId, name: "fuzz-logged" });
  const loggedModelId = (logged.json["model"] as { info: { model_id: string } }).info.model_id;
  const webhook = await server.post(`${api2}/webhooks`, {
    name: "fuzz-hook",
    url: "http://fuzz-hook.invalid:1/x",
    events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }],
  });
  if (webhook.status !== 200) throw new Error(webhook.text);
  const webhookId = (webhook.json["webhook"] as { webhook_id: string }).webhook_id;
  return { experimentId, runId, model: "fuzz-model", loggedModelId, webhookId };
}

/** Every name is loopback, and seeded hooks use a closed port: no request leaves the machine. */
const loopbackDns = async () => [{ address: "127.0.0.1", family: 4 }];

async function fuzzAllRoutes(server: TestServer, seeds: Seeds, seed: number, perRoute: number): Promise<string[]> {
  const random = new Random(seed);
  const plausible = plausibleValues(seeds);
  const http1 = client(server.url);
  const failures: string[] = [];
  try {
    for (const route of allRoutes()) {
      for (let n = 0; n < perRoute; n++) {
        const sent = generate(random, route, n, plausible);
        const answer = await http1.send(sent).catch((error: Error) => ({ status: -1, contentType: "", text: error.message }));
        const problem = answer.status === -1 ? "no answer" : violation(route, answer);
        if (problem) failures.push(`${problem}: ${describeSent(sent)} -> ${answer.text.slice(0, 200)}`);
      }
      const health = await http1.send({ method: "GET", path: "/health", contentType: undefined, body: undefined });
      if (health.status !== 200) failures.push(`/health answered ${health.status} after ${route.method} ${route.path}`);
    }
  } finally {
    http1.close();
  }
  return failures;
}

/** Everything a client can read back, as one string: two equal snapshots mean no write. */
async function snapshot(server: TestServer, seeds: Seeds): Promise<string> {
  const read = async (method: "GET" | "POST", route: string, body?: unknown) =>
    method === "GET" ? (await server.get(route)).text : (await server.post(route, body)).text;
  const experiments = JSON.parse(await read("GET", "/api/2.0/mlflow/experiments/search?max_results=1000&view_type=ALL")) as {
    experiments?: Array<{ experiment_id: string }>;
  };
  const ids = (experiments.experiments ?? []).map((experiment) => experiment.experiment_id);
  return [
    JSON.stringify(experiments),
    await read("POST", "/api/2.0/mlflow/runs/search", { experiment_ids: ids, max_results: 1000, run_view_type: "ALL" }),
    await read("GET", `/api/2.0/mlflow/runs/get?run_id=${seeds.runId}`),
    await read("GET", `/api/2.0/mlflow/metrics/get-history?run_id=${seeds.runId}&metric_key=acc`),
    await read("GET", "/api/2.0/mlflow/registered-models/search?max_results=1000"),
    await read("GET", "/api/2.0/mlflow/model-versions/search?max_results=1000"),
    await read("POST", "/api/2.0/mlflow/logged-models/search", { experiment_ids: ids, max_results: 1000 }),
    await read("GET", "/api/2.0/mlflow/webhooks?max_results=1000"),
  ].join("\n");
}

/**
 * Sends generated requests to every write route and checks that each refused one left every
 * readable thing exactly as it was (a rejected batch writes nothing, MLflow clients retry).
 */
async function fuzzRejectedWrites(server: TestServer, seeds: Seeds, seed: number, perRoute: number): Promise<string[]> {
  const random = new Random(seed);
  const plausible = plausibleValues(seeds);
  const http1 = client(server.url);
  const failures: string[] = [];
  try {
    let before = await snapshot(server, seeds);
    for (const route of allRoutes()) {
      if (route.method === "GET" || !route.path.startsWith("/api/2.0/mlflow/")) continue;
      for (let n = 0; n < perRoute; n++) {
        // Mostly well-typed requests: they get furthest before being refused.
        const sent = generate(random, route, n % 2 === 0 ? 0 : n, plausible);
        const answer = await http1.send(sent);
        const after = await snapshot(server, seeds);
        if (answer.status >= 400 && after !== before) {
          failures.push(`refused (${answer.status} ${answer.text.slice(0, 120)}) but wrote: ${describeSent(sent)}`);
        }
        before = after;
      }
    }
  } finally {
    http1.close();
  }
  return failures;
}

/** The findings of this fuzz, kept as fixed cases so they stay fixed whatever the seed. */
async function knownCases(server: TestServer): Promise<void> {
  const http1 = client(server.url);
  const send = (method: string, path: string, body?: string | Buffer) =>
    http1.send({ method, path, contentType: body === undefined ? undefined : "application/json", body });
  const expectError = (answer: Answer, status: number, code: string) => {
    expect(answer.status, answer.text).toBe(status);
    expect(JSON.parse(answer.text).error_code, answer.text).toBe(code);
  };
  try {
    // A raw non-ASCII byte in the URL is refused by Node's parser, still with MLflow's body.
    expectError(await send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=\u00ff"), 400, "BAD_REQUEST");
    // A GET body over the limit is refused, and the same connection still answers afterwards.
    const big = `{"experiment_id":"${"z".repeat(2_000_000)}"}`;
    expectError(await send("GET", "/api/2.0/mlflow/experiments/get", big), 400, "INVALID_PARAMETER_VALUE");
    expect((await send("GET", "/health")).status).toBe(200);
    // Tags without a key (protobuf reads it as ""), an empty key, NUL and over-wide columns.
    const run = (body: unknown) => send("POST", "/api/2.0/mlflow/runs/create", JSON.stringify(body));
    expectError(await run({ experiment_id: "0", tags: [{}] }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await run({ experiment_id: "0", tags: [{ key: "", value: "v" }] }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await run({ experiment_id: "0", user_id: "u".repeat(300) }), 400, "INVALID_PARAMETER_VALUE");
    const experiment = await send("POST", "/api/2.0/mlflow/experiments/create", JSON.stringify({ name: "nul", tags: [{ value: "v" }] }));
    expectError(experiment, 400, "INVALID_PARAMETER_VALUE");
    const nul = await send("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=a%00b");
    expect(nul.status, nul.text).toBeLessThan(500);
  } finally {
    http1.close();
  }
}

/** Webhooks resolve to a closed loopback port and S3 to another: nothing leaves the machine. */
const SERVER_OPTIONS = {
  webhooks: { lookup: loopbackDns, allowPrivateIps: true, maxAttempts: 1, timeoutMs: 200 },
  env: { MLFLOW_S3_ENDPOINT_URL: "http://127.0.0.1:9", AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x", AWS_REGION: "us-east-1" },
};

describe("hostile input on every route (SQLite)", () => {
  let server: TestServer;
  let seeds: Seeds;

  beforeAll(async () => {
    server = await startTestServer(SERVER_OPTIONS);
    seeds = await seed(server);
  });
  afterAll(() => server?.close());

  it("answers the cases earlier runs of this fuzz found", async () => {
    await knownCases(server);
  });

  // First, while the store is small: each request is followed by a read of everything.
  it("writes nothing when it refuses a write", async () => {
    const failures = await fuzzRejectedWrites(server, seeds, SEED + 2, 3 * SCALE);
    expect(failures.slice(0, 20), `${failures.length} partial writes`).toEqual([]);
  });

  it("answers every generated request with an MLflow error or a success, never a 500", async () => {
    const failures = await fuzzAllRoutes(server, seeds, SEED, REQUESTS_PER_ROUTE);
    expect(failures.slice(0, 60), `${failures.length} bad answers`).toEqual([]);
    expect((await server.get("/health")).status).toBe(200);
  });
});

/**
 * PostgreSQL and MariaDB refuse what SQLite stores (NUL in text, integers beyond bigint, values
 * past a column's width), so the same requests (fewer of them: a round trip costs more) run
 * against them too.
 */
function fuzzOnDatabaseServer(engine: string, createDatabase: () => Promise<{ url: string; drop(): Promise<void> }>) {
  describe(`hostile input on every route (${engine})`, () => {
    let server: TestServer;
    let seeds: Seeds;
    let database: Awaited<ReturnType<typeof createDatabase>>;

    beforeAll(async () => {
      database = await createDatabase();
      server = await startTestServer({ ...SERVER_OPTIONS, backendUri: database.url });
      seeds = await seed(server);
    });
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it("answers the cases earlier runs of this fuzz found", async () => {
      await knownCases(server);
    });

    // First, while the store is small: each request is followed by a read of everything.
    it("writes nothing when it refuses a write", async () => {
      const failures = await fuzzRejectedWrites(server, seeds, SEED + 3, 2 * SCALE);
      expect(failures.slice(0, 20), `${failures.length} partial writes`).toEqual([]);
    });

    it("answers every generated request with an MLflow error or a success, never a 500", async () => {
      const failures = await fuzzAllRoutes(server, seeds, SEED + 1, REQUESTS_PER_ROUTE / 2);
      expect(failures.slice(0, 60), `${failures.length} bad answers`).toEqual([]);
      expect((await server.get("/health")).status).toBe(200);
    });
  });
}

fuzzOnDatabaseServer("PostgreSQL", createTestDatabase);
fuzzOnDatabaseServer("MariaDB", createMysqlDatabase);
