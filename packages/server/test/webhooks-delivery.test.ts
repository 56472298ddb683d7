import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";
import { type Received, startReceiver } from "./webhook-receiver.js";

const API = "/api/2.0/mlflow";
const SECRET = "whsec-test-secret";

/**
 * Real deliveries to a real receiver on 127.0.0.1 (so the server runs with private addresses
 * allowed): MLflow's headers and signature, the payload of each registry event, retries with
 * backoff and Retry-After, every attempt in the delivery log, and no redirect followed.
 */
describe("webhook delivery", () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  const hook = async (path: string, events: Array<[string, string]>, extra: Record<string, unknown> = {}) => {
    const reply = await server.post(`${API}/webhooks`, {
      name: path.slice(1),
      url: `${receiver.url}${path}`,
      events: events.map(([entity, action]) => ({ entity, action })),
      secret: SECRET,
      ...extra,
    });
    expect(reply.status, reply.text).toBe(200);
    return (reply.json["webhook"] as { webhook_id: string }).webhook_id;
  };
  const deliveries = async (id: string) =>
    ((await server.get(`/api/2.0/cairn/webhooks/${id}/deliveries`)).json["deliveries"] as Array<Record<string, unknown>>) ?? [];

  /** Checks MLflow's headers and signature and returns the parsed body. */
  const verified = (request: Received) => {
    const id = request.headers["x-mlflow-delivery-id"] as string;
    const timestamp = request.headers["x-mlflow-timestamp"] as string;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = `v1,${createHmac("sha256", SECRET).update(`${id}.${timestamp}.${request.body}`).digest("base64")}`;
    expect(request.headers["x-mlflow-signature"]).toBe(expected);
    const body = JSON.parse(request.body) as { entity: string; action: string; timestamp: string; data: Record<string, unknown> };
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    return body;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ webhooks: { allowPrivateIps: true, baseDelayMs: 50, maxDelayMs: 3000, subscriberCacheMs: 0 } });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it("delivers each registry event, signed, with MLflow's payload shapes", async () => {
    await hook("/models", [
      ["REGISTERED_MODEL", "CREATED"],
      ["MODEL_VERSION", "CREATED"],
      ["MODEL_VERSION_TAG", "SET"],
      ["MODEL_VERSION_TAG", "DELETED"],
      ["MODEL_VERSION_ALIAS", "CREATED"],
      ["MODEL_VERSION_ALIAS", "DELETED"],
    ]);
    await server.post(`${API}/registered-models/create`, { name: "fraud", description: "d", tags: [{ key: "team", value: "risk" }] });
    await receiver.waitFor("/models", 1);
    await server.post(`${API}/model-versions/create`, { name: "fraud", source: "s3://bucket/m", tags: [{ key: "k", value: "v" }] });
    await receiver.waitFor("/models", 2);
    await server.post(`${API}/model-versions/set-tag`, { name: "fraud", version: "1", key: "stage", value: "qa" });
    await receiver.waitFor("/models", 3);
    await call(server, "DELETE", `${API}/model-versions/delete-tag`, { name: "fraud", version: "1", key: "stage" });
    await receiver.waitFor("/models", 4);
    await server.post(`${API}/registered-models/alias`, { name: "fraud", alias: "champion", version: "1" });
    await receiver.waitFor("/models", 5);
    await call(server, "DELETE", `${API}/registered-models/alias`, { name: "fraud", alias: "champion" });
    const hits = (await receiver.waitFor("/models", 6)).map(verified);
    expect(hits.map((body) => `${body.entity}.${body.action}`)).toEqual([
      "registered_model.created",
      "model_version.created",
      "model_version_tag.set",
      "model_version_tag.deleted",
      "model_version_alias.created",
      "model_version_alias.deleted",
    ]);
    expect(hits.map((body) => body.data)).toEqual([
      { name: "fraud", tags: { team: "risk" }, description: "d" },
      { name: "fraud", version: "1", source: "s3://bucket/m", run_id: null, tags: { k: "v" }, description: null },
      { name: "fraud", version: "1", key: "stage", value: "qa" },
      { name: "fraud", version: "1", key: "stage" },
      { name: "fraud", alias: "champion", version: "1" },
      { name: "fraud", alias: "champion" },
    ]);
    // A failed write fires nothing.
    await server.post(`${API}/registered-models/create`, { name: "fraud" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.filter((item) => item.path === "/models")).toHaveLength(6);
  });

  it("fires the PROMPT_* variants for a model tagged as a prompt", async () => {
    await hook("/prompts", [
      ["PROMPT", "CREATED"],
      ["PROMPT_VERSION", "CREATED"],
      ["PROMPT_TAG", "SET"],
      ["PROMPT_VERSION_TAG", "SET"],
      ["PROMPT_ALIAS", "CREATED"],
      ["REGISTERED_MODEL", "CREATED"],
    ]);
    const isPrompt = { key: "mlflow.prompt.is_prompt", value: "true" };
    await server.post(`${API}/registered-models/create`, { name: "greeting", tags: [isPrompt] });
    await receiver.waitFor("/prompts", 1);
    await server.post(`${API}/model-versions/create`, {
      name: "greeting",
      source: "s3://bucket/prompt",
      tags: [isPrompt, { key: "mlflow.prompt.text", value: "Hello {{name}}!" }],
    });
    await receiver.waitFor("/prompts", 2);
    await server.post(`${API}/registered-models/set-tag`, { name: "greeting", key: "owner", value: "me" });
    await receiver.waitFor("/prompts", 3);
    await server.post(`${API}/model-versions/set-tag`, { name: "greeting", version: "1", key: "lang", value: "en" });
    await receiver.waitFor("/prompts", 4);
    await server.post(`${API}/registered-models/alias`, { name: "greeting", alias: "prod", version: "1" });
    const hits = (await receiver.waitFor("/prompts", 5)).map(verified);
    expect(hits.map((body) => `${body.entity}.${body.action}`)).toEqual([
      "prompt.created",
      "prompt_version.created",
      "prompt_tag.set",
      "prompt_version_tag.set",
      "prompt_alias.created",
    ]);
    expect(hits[1]?.data).toMatchObject({ name: "greeting", version: "1", template: "Hello {{name}}!", description: null });
    expect(hits[2]?.data).toEqual({ name: "greeting", key: "owner", value: "me" });
  });

  it("retries 500s with backoff until a 200 and records every attempt", async () => {
    receiver.script("/flaky", [{ status: 500 }, { status: 503 }]);
    const id = await hook("/flaky", [["REGISTERED_MODEL", "CREATED"]]);
    await server.post(`${API}/registered-models/create`, { name: "flaky-model" });
    const hits = await receiver.waitFor("/flaky", 3);
    // Same delivery, same body on every attempt; each attempt signed afresh.
    expect(new Set(hits.map((hit) => hit.headers["x-mlflow-delivery-id"])).size).toBe(1);
    expect(new Set(hits.map((hit) => hit.body)).size).toBe(1);
    for (const hit of hits) verified(hit);
    // Backoff of 50 ms doubled per attempt: the waits are at least 50 and 100 ms. Only lower
    // bounds are checked: on a loaded machine any wait may come late, never early.
    expect((hits[1]?.at ?? 0) - (hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(45);
    expect((hits[2]?.at ?? 0) - (hits[1]?.at ?? 0)).toBeGreaterThanOrEqual(95);
    await expect.poll(async () => (await deliveries(id)).length).toBe(3);
    const log = await deliveries(id);
    expect(log.map((item) => [item["attempt"], item["outcome"], item["response_status"]])).toEqual([
      [3, "SUCCEEDED", 200],
      [2, "RETRYING", 503],
      [1, "RETRYING", 500],
    ]);
    expect(log[0]).toMatchObject({ event: "registered_model.created", webhook_id: id });
  });

  it("waits as long as Retry-After asks after a 429", async () => {
    receiver.script("/slow", [{ status: 429, headers: { "Retry-After": "1" } }]);
    const id = await hook("/slow", [["REGISTERED_MODEL", "CREATED"]]);
    await server.post(`${API}/registered-models/create`, { name: "slow-model" });
    const hits = await receiver.waitFor("/slow", 2);
    expect((hits[1]?.at ?? 0) - (hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    await expect.poll(async () => (await deliveries(id)).map((item) => item["outcome"])).toEqual(["SUCCEEDED", "RETRYING"]);
  });

  it("gives up after the last attempt and does not retry a 4xx or follow a redirect", async () => {
    receiver.script("/down", [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    const down = await hook("/down", [["REGISTERED_MODEL", "CREATED"]]);
    receiver.script("/gone", [{ status: 410 }]);
    const gone = await hook("/gone", [["REGISTERED_MODEL", "CREATED"]]);
    receiver.script("/moved", [{ status: 302, headers: { Location: `${receiver.url}/elsewhere` } }]);
    const moved = await hook("/moved", [["REGISTERED_MODEL", "CREATED"]]);
    await server.post(`${API}/registered-models/create`, { name: "many-model" });
    await receiver.waitFor("/down", 4);
    await expect
      .poll(async () => (await deliveries(down)).map((item) => item["outcome"]))
      .toEqual(["FAILED", "RETRYING", "RETRYING", "RETRYING"]);
    await expect
      .poll(async () => (await deliveries(gone)).map((item) => [item["outcome"], item["response_status"]]))
      .toEqual([["FAILED", 410]]);
    await expect.poll(async () => (await deliveries(moved)).map((item) => item["error_message"])).toEqual(["Redirects are not followed."]);
    expect(receiver.received.filter((item) => item.path === "/elsewhere")).toHaveLength(0);
  });

  it("records a refused connection as a retried, then failed, attempt", async () => {
    const reply = await server.post(`${API}/webhooks`, {
      name: "closed-port",
      url: "http://127.0.0.1:1/nothing-listens",
      events: [{ entity: "MODEL_VERSION_ALIAS", action: "DELETED" }],
    });
    const id = (reply.json["webhook"] as { webhook_id: string }).webhook_id;
    await call(server, "DELETE", `${API}/registered-models/alias`, { name: "fraud", alias: "none" });
    await expect
      .poll(async () => (await deliveries(id)).map((item) => item["outcome"]), { timeout: 10_000 })
      .toEqual(["FAILED", "RETRYING", "RETRYING", "RETRYING"]);
    expect((await deliveries(id))[0]?.["error_message"]).toMatch(/ECONNREFUSED/);
  });

  it("tests a webhook with MLflow's example payload and never echoes the receiver's body", async () => {
    const id = await hook("/tested", [
      ["MODEL_VERSION_ALIAS", "DELETED"],
      ["MODEL_VERSION", "CREATED"],
    ]);
    const first = await server.post(`${API}/webhooks/${id}/test`, {});
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ result: { success: true, response_status: 200, response_body: "OK" } });
    expect(first.text).not.toContain("RECEIVER-SECRET-BODY");
    const chosen = await server.post(`/ajax-api/2.0/mlflow/webhooks/${id}/test`, { event: { entity: "MODEL_VERSION", action: "CREATED" } });
    expect(chosen.json["result"]).toMatchObject({ success: true });
    const [aliasTest, versionTest] = (await receiver.waitFor("/tested", 2)).map(verified);
    expect(aliasTest).toMatchObject({
      entity: "model_version_alias",
      action: "deleted",
      data: { name: "example_model", alias: "example_alias" },
    });
    expect(versionTest?.data).toEqual({
      name: "example_model",
      version: "1",
      source: "models:/123",
      run_id: "abcd1234abcd5678",
      tags: { example_key: "example_value" },
      description: "An example model version",
    });
    receiver.script("/tested", [{ status: 500, body: "internal details" }]);
    const failed = await server.post(`${API}/webhooks/${id}/test`, {});
    expect(failed.json).toEqual({ result: { success: false, response_status: 500, response_body: "Internal Server Error" } });
    expect(await deliveries(id)).toHaveLength(3);
  });

  it("sends nothing to a disabled or deleted webhook", async () => {
    const disabled = await hook("/disabled", [["REGISTERED_MODEL", "CREATED"]], { status: "DISABLED" });
    const deleted = await hook("/deleted", [["REGISTERED_MODEL", "CREATED"]]);
    await call(server, "DELETE", `${API}/webhooks/${deleted}`);
    await hook("/witness", [["REGISTERED_MODEL", "CREATED"]]);
    await server.post(`${API}/registered-models/create`, { name: "quiet-model" });
    await receiver.waitFor("/witness", 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.filter((item) => item.path === "/disabled" || item.path === "/deleted")).toHaveLength(0);
    expect(await deliveries(disabled)).toEqual([]);
  });
});
