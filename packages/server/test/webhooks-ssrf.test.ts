import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./registry-client.js";
import { startTestServer, type TestServer } from "./test-server.js";
import { startReceiver } from "./webhook-receiver.js";

const API = "/api/2.0/mlflow";
const EVENTS = [{ entity: "REGISTERED_MODEL", action: "CREATED" }];

/** Names the test look-up answers, standing in for DNS records an attacker controls. */
const records = new Map<string, string>([
  ["public.example", "93.184.215.14"],
  ["internal.example", "192.168.1.10"],
  ["mixed.example", "93.184.215.14,10.0.0.7"],
  ["v6private.example", "fd00::1"],
  ["rebind.example", "93.184.215.14"],
]);
const lookup = async (host: string) => {
  const entry = records.get(host);
  if (entry === undefined) {
    // Everything else (localhost) resolves for real.
    const dns = await import("node:dns/promises");
    return dns.lookup(host, { all: true, verbatim: true });
  }
  return entry.split(",").map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

/**
 * SSRF (CVE-2026-2393, CVE-2026-64849): every refused URL shape is refused at create and
 * update time with nothing written, and again at connect time (DNS rebinding), on a server
 * without --webhooks-allow-private-ips. Metadata stays refused even with it.
 */
describe("webhook SSRF", () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const list = async () => JSON.stringify((await server.get(`${API}/webhooks`)).json);

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ webhooks: { lookup, subscriberCacheMs: 0, baseDelayMs: 20 } });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const refused = [
    "http://127.0.0.1/",
    "http://127.0.0.1:5000/api/2.0/mlflow/experiments/search",
    "http://127.255.255.254/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:c0a8:101::1]/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.0.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://169.254.1.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://198.18.0.1/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://internal.example/hook",
    "http://mixed.example/hook",
    "http://v6private.example/hook",
    "http://does-not-resolve.invalid/hook",
    "ftp://public.example/",
    "file:///etc/passwd",
    "gopher://public.example:70/_x",
    "dict://public.example:11211/",
    "javascript:alert(1)",
    "//public.example/hook",
    "public.example/hook",
    "http://user:pass@public.example/",
    "http://public.example/\r\nX-Injected: 1",
    "http:///#/../",
  ];

  it.each(refused)("refuses %s at create time and writes nothing", async (url) => {
    const before = await list();
    const reply = await server.post(`${API}/webhooks`, { name: "x", url, events: EVENTS });
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    expect(await list()).toBe(before);
  });

  it("refuses the same shapes on update and leaves the webhook as it was", async () => {
    // Disabled: public.example "resolves" to a real public address, and a later test registers
    // a model; an active webhook would send a delivery off this machine.
    const created = await server.post(`${API}/webhooks`, {
      name: "ok",
      url: "https://public.example/hook",
      events: EVENTS,
      status: "DISABLED",
    });
    expect(created.status, created.text).toBe(200);
    const webhook = created.json["webhook"] as { webhook_id: string };
    for (const url of ["http://127.0.0.1/", "http://[::ffff:169.254.169.254]/", "http://internal.example/"]) {
      const reply = await call(server, "PATCH", `${API}/webhooks/${webhook.webhook_id}`, { url });
      expect(reply.status).toBe(400);
    }
    expect((await server.get(`${API}/webhooks/${webhook.webhook_id}`)).json["webhook"]).toEqual(webhook);
  });

  it("checks again at connect time: a name rebound to a private address is not reached", async () => {
    const created = await server.post(`${API}/webhooks`, { name: "rebind", url: "http://rebind.example/hook", events: EVENTS });
    const id = (created.json["webhook"] as { webhook_id: string }).webhook_id;
    // The record now points at a loopback receiver that would answer.
    const port = new URL(receiver.url).port;
    records.set("rebind.example", "127.0.0.1");
    await call(server, "PATCH", `${API}/webhooks/${id}`, { description: "no url change" });
    const tested = await server.post(`${API}/webhooks/${id}/test`, {});
    expect(tested.json["result"]).toMatchObject({ success: false });
    expect(String((tested.json["result"] as { error_message: string }).error_message)).toContain("loopback");
    await server.post(`${API}/registered-models/create`, { name: "rebound" });
    const log = async () => ((await server.get(`/api/2.0/cairn/webhooks/${id}/deliveries`)).json["deliveries"] as unknown[]) ?? [];
    await expect.poll(async () => (await log()).length).toBe(2);
    expect(receiver.received).toHaveLength(0);
    expect(port).not.toBe("");
  });
});

describe("webhook SSRF with --webhooks-allow-private-ips", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ webhooks: { allowPrivateIps: true } });
  });
  afterAll(() => server.close());

  it("allows private and loopback targets but still refuses metadata", async () => {
    expect((await server.post(`${API}/webhooks`, { name: "lan", url: "http://10.1.2.3/hook", events: EVENTS })).status).toBe(200);
    expect((await server.post(`${API}/webhooks`, { name: "lo", url: "http://[::1]:9/hook", events: EVENTS })).status).toBe(200);
    for (const url of [
      "http://169.254.169.254/latest/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://metadata.google.internal/",
      "http://100.100.100.200/",
    ]) {
      const reply = await server.post(`${API}/webhooks`, { name: "md", url, events: EVENTS });
      expect(reply.status, url).toBe(400);
      expect(reply.json["message"]).toMatch(/metadata/);
    }
  });
});
