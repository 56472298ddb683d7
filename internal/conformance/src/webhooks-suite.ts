import type { WebhookEvent, WebhookStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

const URL = "https://hooks.example.com/cairn";
const VERSION_CREATED: WebhookEvent = { entity: "MODEL_VERSION", action: "CREATED" };
const ALIAS_CREATED: WebhookEvent = { entity: "MODEL_VERSION_ALIAS", action: "CREATED" };
const PROMPT_TAG_SET: WebhookEvent = { entity: "PROMPT_TAG", action: "SET" };

/** Webhook CRUD as the API exposes it (mlflow-wire.md §1.8). */
export function webhookCrudTests(store: () => WebhookStore): void {
  it("creates a webhook, returns it without the secret and reads it back", async () => {
    const name = uniqueName("hook");
    const created = await store().createWebhook({
      name,
      url: URL,
      events: [VERSION_CREATED, ALIAS_CREATED],
      description: "ci",
      secret: "s3cret",
    });
    expect(created).toMatchObject({ name, url: URL, description: "ci", status: "ACTIVE" });
    expect(created.webhook_id).toMatch(/^[0-9a-f]{32}$/);
    // In the order given: the test endpoint's default event is the first.
    expect(created.events).toEqual([VERSION_CREATED, ALIAS_CREATED]);
    expect(created.creation_timestamp).toBeGreaterThan(0);
    expect(JSON.stringify(created)).not.toContain("s3cret");
    expect(await store().getWebhook(created.webhook_id)).toEqual(created);
  });

  it("keeps the status it is given and repeats of one event once", async () => {
    const created = await store().createWebhook({
      name: uniqueName("off"),
      url: URL,
      events: [VERSION_CREATED, VERSION_CREATED],
      status: "DISABLED",
    });
    expect(created.status).toBe("DISABLED");
    expect(created.events).toEqual([VERSION_CREATED]);
    expect(created.description).toBeUndefined();
  });

  it("lists newest first, page by page", async () => {
    const names: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const name = uniqueName(`list${index}`);
      names.push(name);
      await store().createWebhook({ name, url: URL, events: [VERSION_CREATED] });
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const first = await store().listWebhooks({ maxResults: 2 });
    expect(first.items.map((hook) => hook.name)).toEqual([names[2], names[1]]);
    expect(first.next_page_token).toBeDefined();
    const second = await store().listWebhooks({ maxResults: 2, pageToken: first.next_page_token as string });
    expect(second.items[0]?.name).toBe(names[0]);
    for (const hook of [...first.items, ...second.items]) expect(hook).not.toHaveProperty("secret");
  });

  it("updates only the fields given, replaces the event list and moves last_updated_timestamp", async () => {
    const created = await store().createWebhook({ name: uniqueName("upd"), url: URL, events: [VERSION_CREATED], description: "d" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await store().updateWebhook(created.webhook_id, { name: "renamed" });
    expect(renamed).toMatchObject({ name: "renamed", description: "d", url: URL, events: [VERSION_CREATED], status: "ACTIVE" });
    expect(renamed.last_updated_timestamp).toBeGreaterThan(created.last_updated_timestamp);
    expect(renamed.creation_timestamp).toBe(created.creation_timestamp);
    const updated = await store().updateWebhook(created.webhook_id, {
      url: "https://other.example.com/x",
      events: [PROMPT_TAG_SET],
      status: "DISABLED",
      description: "new",
    });
    expect(updated).toMatchObject({
      name: "renamed",
      url: "https://other.example.com/x",
      events: [PROMPT_TAG_SET],
      status: "DISABLED",
      description: "new",
    });
    expect(await store().getWebhook(created.webhook_id)).toEqual(updated);
  });

  it("deletes softly: the webhook reads as unknown everywhere", async () => {
    const created = await store().createWebhook({ name: uniqueName("del"), url: URL, events: [VERSION_CREATED] });
    await store().deleteWebhook(created.webhook_id);
    const message = `Webhook with ID ${created.webhook_id} not found`;
    await expectError(store().getWebhook(created.webhook_id), "RESOURCE_DOES_NOT_EXIST", message);
    await expectError(store().updateWebhook(created.webhook_id, { name: "x" }), "RESOURCE_DOES_NOT_EXIST", message);
    await expectError(store().deleteWebhook(created.webhook_id), "RESOURCE_DOES_NOT_EXIST", message);
    const all = await store().listWebhooks({ maxResults: 1000 });
    expect(all.items.map((hook) => hook.webhook_id)).not.toContain(created.webhook_id);
  });

  it("refuses bad input and writes nothing", async () => {
    const before = await store().listWebhooks({ maxResults: 1000 });
    const ok = { name: "n", url: URL, events: [VERSION_CREATED] };
    await expectError(store().createWebhook({ ...ok, name: "" }), "INVALID_PARAMETER_VALUE", "'name'");
    await expectError(store().createWebhook({ ...ok, name: "x".repeat(257) }), "INVALID_PARAMETER_VALUE", "256");
    await expectError(store().createWebhook({ ...ok, description: "d".repeat(1001) }), "INVALID_PARAMETER_VALUE", "1000");
    await expectError(store().createWebhook({ ...ok, url: "" }), "INVALID_PARAMETER_VALUE", "'url'");
    await expectError(store().createWebhook({ ...ok, url: "ftp://example.com/x" }), "INVALID_PARAMETER_VALUE", "scheme");
    await expectError(store().createWebhook({ ...ok, url: "file:///etc/passwd" }), "INVALID_PARAMETER_VALUE", "scheme");
    await expectError(store().createWebhook({ ...ok, url: "https://u:p@example.com/" }), "INVALID_PARAMETER_VALUE", "credentials");
    await expectError(
      store().createWebhook({ ...ok, url: `https://example.com/${"a".repeat(500)}` }),
      "INVALID_PARAMETER_VALUE",
      "too long",
    );
    await expectError(store().createWebhook({ ...ok, events: [] }), "INVALID_PARAMETER_VALUE");
    await expectError(
      store().createWebhook({ ...ok, events: [{ entity: "MODEL_VERSION", action: "SET" }] }),
      "INVALID_PARAMETER_VALUE",
      "Invalid action 'set' for entity 'model_version'",
    );
    await expectError(
      store().createWebhook({ ...ok, events: [{ entity: "REGISTERED_MODEL", action: "DELETED" }] }),
      "INVALID_PARAMETER_VALUE",
    );
    await expectError(store().createWebhook({ ...ok, secret: "s".repeat(1001) }), "INVALID_PARAMETER_VALUE", "secret");
    await expectError(store().getWebhook("no-such-hook"), "RESOURCE_DOES_NOT_EXIST", "Webhook with ID no-such-hook not found");
    await expectError(store().deleteWebhook("no-such-hook"), "RESOURCE_DOES_NOT_EXIST");
    await expectError(store().listWebhooks({ maxResults: 0 }), "INVALID_PARAMETER_VALUE");
    await expectError(store().listWebhooks({ maxResults: 100, pageToken: "garbage!" }), "INVALID_PARAMETER_VALUE");
    const created = await store().createWebhook({ ...ok, name: uniqueName("keep") });
    await expectError(store().updateWebhook(created.webhook_id, { events: [] }), "INVALID_PARAMETER_VALUE");
    await expectError(store().updateWebhook(created.webhook_id, { url: "gopher://x/" }), "INVALID_PARAMETER_VALUE");
    await expectError(store().updateWebhook(created.webhook_id, { name: "" }), "INVALID_PARAMETER_VALUE");
    expect(await store().getWebhook(created.webhook_id)).toEqual(created);
    const after = await store().listWebhooks({ maxResults: 1000 });
    expect(after.items.length).toBe(before.items.length + 1);
  });
}

/** What only the server uses: secrets, subscribers of an event, the delivery log. */
export function webhookInternalTests(store: () => WebhookStore): void {
  it("gives the delivery code the secret, and lets an update change or remove it", async () => {
    const created = await store().createWebhook({ name: uniqueName("sec"), url: URL, events: [VERSION_CREATED], secret: "first" });
    expect((await store().getWebhookTarget(created.webhook_id)).secret).toBe("first");
    await store().updateWebhook(created.webhook_id, { secret: "second" });
    expect((await store().getWebhookTarget(created.webhook_id)).secret).toBe("second");
    await store().updateWebhook(created.webhook_id, { description: "no secret change" });
    expect((await store().getWebhookTarget(created.webhook_id)).secret).toBe("second");
    await store().updateWebhook(created.webhook_id, { secret: "" });
    expect((await store().getWebhookTarget(created.webhook_id)).secret).toBeUndefined();
  });

  it("finds the active subscribers of an event only", async () => {
    const event: WebhookEvent = { entity: "PROMPT_ALIAS", action: "DELETED" };
    const active = await store().createWebhook({ name: uniqueName("on"), url: URL, events: [event, VERSION_CREATED], secret: "k" });
    const disabled = await store().createWebhook({ name: uniqueName("off"), url: URL, events: [event], status: "DISABLED" });
    const other = await store().createWebhook({ name: uniqueName("other"), url: URL, events: [VERSION_CREATED] });
    const gone = await store().createWebhook({ name: uniqueName("gone"), url: URL, events: [event] });
    await store().deleteWebhook(gone.webhook_id);
    const targets = await store().listWebhookTargets(event);
    const ids = targets.map((target) => target.webhook_id);
    expect(ids).toContain(active.webhook_id);
    expect(ids).not.toContain(disabled.webhook_id);
    expect(ids).not.toContain(other.webhook_id);
    expect(ids).not.toContain(gone.webhook_id);
    expect(targets.find((target) => target.webhook_id === active.webhook_id)?.secret).toBe("k");
  });

  it("records delivery attempts and lists them newest first, page by page", async () => {
    const created = await store().createWebhook({ name: uniqueName("log"), url: URL, events: [VERSION_CREATED] });
    const base = { delivery_id: "d-1", webhook_id: created.webhook_id, event: "model_version.created", duration_ms: 3 };
    await store().recordDeliveryAttempt({ ...base, attempt: 1, timestamp: 1000, outcome: "RETRYING", response_status: 500 });
    await store().recordDeliveryAttempt({
      ...base,
      attempt: 2,
      timestamp: 2000,
      outcome: "RETRYING",
      error_message: "connect ECONNREFUSED",
    });
    await store().recordDeliveryAttempt({ ...base, attempt: 3, timestamp: 3000, outcome: "SUCCEEDED", response_status: 200 });
    // Recording the same attempt twice keeps one row.
    await store().recordDeliveryAttempt({ ...base, attempt: 3, timestamp: 3000, outcome: "SUCCEEDED", response_status: 200 });
    const first = await store().listDeliveryAttempts(created.webhook_id, { maxResults: 2 });
    expect(first.items.map((item) => [item.attempt, item.outcome])).toEqual([
      [3, "SUCCEEDED"],
      [2, "RETRYING"],
    ]);
    expect(first.items[1]).toMatchObject({ error_message: "connect ECONNREFUSED" });
    expect(first.items[1]).not.toHaveProperty("response_status");
    const second = await store().listDeliveryAttempts(created.webhook_id, { maxResults: 2, pageToken: first.next_page_token as string });
    expect(second.items).toEqual([{ ...base, attempt: 1, timestamp: 1000, outcome: "RETRYING", response_status: 500 }]);
    expect(second.next_page_token).toBeUndefined();
    await expectError(store().listDeliveryAttempts("no-such-hook", { maxResults: 10 }), "RESOURCE_DOES_NOT_EXIST");
  });
}
