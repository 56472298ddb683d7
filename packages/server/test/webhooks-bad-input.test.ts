import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const missing = (field: string) => `Missing value for required parameter '${field}'`;
const EVENTS = [{ entity: "MODEL_VERSION", action: "CREATED" }];
const publicLookup = async () => [{ address: "93.184.215.14", family: 4 }];

/**
 * Bad input on every webhook endpoint gets MLflow's error code, status and message, never a
 * 500, and writes nothing: after each case the webhooks and their logs read back as before.
 */
describe("webhooks bad input and wire format", () => {
  let server: TestServer;
  let id = "";
  let before = "";
  const snapshot = async () =>
    JSON.stringify([(await server.get(`${API}/webhooks`)).json, (await server.get(`/api/2.0/cairn/webhooks/${id}/deliveries`)).json]);

  beforeAll(async () => {
    server = await startTestServer({ webhooks: { lookup: publicLookup } });
    // Webhooks here are disabled: the look-up sends every name to a real public address, so an
    // event must never fire one.
    const created = await server.post(`${API}/webhooks`, {
      name: "keep",
      url: "https://hooks.example.com/x",
      events: EVENTS,
      secret: "s",
      status: "DISABLED",
    });
    id = (created.json["webhook"] as { webhook_id: string }).webhook_id;
    before = await snapshot();
  });
  afterAll(() => server.close());

  it("answers with MLflow's shapes on both prefixes and never returns the secret", async () => {
    const created = await server.post(`/ajax-api/2.0/mlflow/webhooks`, {
      name: "wire",
      url: "https://hooks.example.com/wire",
      events: [{ entity: 2, action: 1 }],
      secret: "top-secret",
      description: "desc",
      status: "DISABLED",
    });
    expect(created.status).toBe(200);
    expect(created.text).not.toContain("top-secret");
    const webhook = created.json["webhook"] as Record<string, unknown>;
    expect(Object.keys(webhook).sort()).toEqual(
      ["creation_timestamp", "description", "events", "last_updated_timestamp", "name", "status", "url", "webhook_id"].sort(),
    );
    expect(webhook["events"]).toEqual([{ entity: "MODEL_VERSION", action: "CREATED" }]);
    expect(typeof webhook["creation_timestamp"]).toBe("number");
    const wid = webhook["webhook_id"] as string;
    const got = await server.get(`/ajax-api/2.0/mlflow/webhooks/${wid}`);
    expect(got.json).toEqual({ webhook });
    // The path parameter wins over a body field of the same name.
    const patched = await call(server, "PATCH", `${API}/webhooks/${wid}`, { webhook_id: id, name: "renamed" });
    expect((patched.json["webhook"] as { webhook_id: string; name: string }).webhook_id).toBe(wid);
    const listed = await server.get(`${API}/webhooks?max_results=1`);
    expect(listed.json["webhooks"]).toHaveLength(1);
    expect(typeof listed.json["next_page_token"]).toBe("string");
    expect(listed.text).not.toContain("secret");
    expect((await call(server, "DELETE", `${API}/webhooks/${wid}`)).json).toEqual({});
    before = await snapshot();
  });

  // [method, route (relative to /api/2.0/mlflow unless it starts with /), body, error_code, status, message fragment]
  const cases: Array<[string, string, unknown, string, number, string]> = [
    ["POST", "webhooks", {}, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["POST", "webhooks", { name: "", url: "https://a.example/", events: EVENTS }, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["POST", "webhooks", { name: "n", events: EVENTS }, "INVALID_PARAMETER_VALUE", 400, missing("url")],
    ["POST", "webhooks", { name: "n", url: "https://a.example/" }, "INVALID_PARAMETER_VALUE", 400, missing("events")],
    ["POST", "webhooks", { name: "n", url: "https://a.example/", events: [] }, "INVALID_PARAMETER_VALUE", 400, "events"],
    [
      "POST",
      "webhooks",
      { name: 5, url: "https://a.example/", events: EVENTS },
      "INVALID_PARAMETER_VALUE",
      400,
      "Hint: Value was of type 'int'",
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: "MODEL_VERSION" },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid value",
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: [{ entity: "NOPE", action: "CREATED" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "events.entity",
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: [{ entity: "MODEL_VERSION" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("events.action"),
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: [{ action: "CREATED" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      missing("events.entity"),
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: [{ entity: "MODEL_VERSION", action: "DELETED" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid action 'deleted' for entity 'model_version'",
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: [{ entity: "BUDGET_POLICY", action: "EXCEEDED" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "budget_policy",
    ],
    ["POST", "webhooks", { name: "n", url: "https://a.example/", events: [[1, 2]] }, "INVALID_PARAMETER_VALUE", 400, "Invalid value"],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: EVENTS, status: "PAUSED" },
      "INVALID_PARAMETER_VALUE",
      400,
      "status",
    ],
    ["POST", "webhooks", { name: "x".repeat(257), url: "https://a.example/", events: EVENTS }, "INVALID_PARAMETER_VALUE", 400, "256"],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: EVENTS, description: "d".repeat(1001) },
      "INVALID_PARAMETER_VALUE",
      400,
      "1000",
    ],
    [
      "POST",
      "webhooks",
      { name: "n", url: "https://a.example/", events: EVENTS, secret: "s".repeat(1001) },
      "INVALID_PARAMETER_VALUE",
      400,
      "secret",
    ],
    ["POST", "webhooks", { name: "n", url: "x".repeat(1_000_000), events: EVENTS }, "INVALID_PARAMETER_VALUE", 400, "too long"],
    ["POST", "webhooks", "not json", "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["GET", "webhooks?max_results=0", undefined, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["GET", "webhooks?max_results=1001", undefined, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["GET", "webhooks?max_results=abc", undefined, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["GET", "webhooks?page_token=%%%", undefined, "INVALID_PARAMETER_VALUE", 400, ""],
    ["GET", "webhooks?page_token=bm9wZQ==", undefined, "INVALID_PARAMETER_VALUE", 400, "page token"],
    ["GET", "webhooks/nope", undefined, "RESOURCE_DOES_NOT_EXIST", 404, "Webhook with ID nope not found"],
    // Longer than the router's path-parameter limit: refused before any handler runs.
    ["GET", `webhooks/${"x".repeat(300)}`, undefined, "BAD_REQUEST", 400, "Malformed request"],
    ["PATCH", "webhooks/nope", { name: "n" }, "RESOURCE_DOES_NOT_EXIST", 404, "Webhook with ID nope not found"],
    ["PATCH", "webhooks/:id", { name: "" }, "INVALID_PARAMETER_VALUE", 400, missing("name")],
    ["PATCH", "webhooks/:id", { events: [] }, "INVALID_PARAMETER_VALUE", 400, "events"],
    [
      "PATCH",
      "webhooks/:id",
      { events: [{ entity: "PROMPT", action: "SET" }] },
      "INVALID_PARAMETER_VALUE",
      400,
      "Invalid action 'set' for entity 'prompt'",
    ],
    ["PATCH", "webhooks/:id", { url: "ftp://a.example/" }, "INVALID_PARAMETER_VALUE", 400, "scheme"],
    ["PATCH", "webhooks/:id", { url: "http://127.0.0.1/" }, "INVALID_PARAMETER_VALUE", 400, "loopback"],
    ["PATCH", "webhooks/:id", { status: "DELETED" }, "INVALID_PARAMETER_VALUE", 400, "status"],
    ["PATCH", "webhooks/:id", { description: 7 }, "INVALID_PARAMETER_VALUE", 400, "Hint"],
    ["DELETE", "webhooks/nope", undefined, "RESOURCE_DOES_NOT_EXIST", 404, "Webhook with ID nope not found"],
    ["POST", "webhooks/nope/test", {}, "RESOURCE_DOES_NOT_EXIST", 404, "Webhook with ID nope not found"],
    [
      "POST",
      "webhooks/:id/test",
      { event: { entity: "MODEL_VERSION", action: "SET" } },
      "INVALID_PARAMETER_VALUE",
      400,
      "model_version.set",
    ],
    ["POST", "webhooks/:id/test", { event: { entity: "MODEL_VERSION" } }, "INVALID_PARAMETER_VALUE", 400, missing("event.action")],
    ["POST", "webhooks/:id/test", { event: "MODEL_VERSION.CREATED" }, "INVALID_PARAMETER_VALUE", 400, "Invalid value"],
    ["GET", "/api/2.0/cairn/webhooks/nope/deliveries", undefined, "RESOURCE_DOES_NOT_EXIST", 404, "Webhook with ID nope not found"],
    ["GET", "/api/2.0/cairn/webhooks/:id/deliveries?max_results=-1", undefined, "INVALID_PARAMETER_VALUE", 400, "max_results"],
    ["PUT", "webhooks", { name: "n" }, "ENDPOINT_NOT_FOUND", 404, ""],
  ];

  it.each(cases)("%s %s %j → %s %i", async (method, route, body, code, status, message) => {
    const path = (route.startsWith("/") ? route : `${API}/${route}`).replace(":id", id);
    const reply = await call(server, method, path, body);
    expect(reply.status, reply.text.slice(0, 300)).toBe(status);
    expect(reply.json["error_code"]).toBe(code);
    expect(String(reply.json["message"] ?? "")).toContain(message);
    expect(reply.text.length).toBeLessThan(3000);
    expect(await snapshot()).toBe(before);
  });

  it("refuses POST without a JSON content type", async () => {
    const reply = await server.post(`${API}/webhooks`, JSON.stringify({ name: "n" }), { "content-type": "text/plain" });
    expect(reply.status).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});
