import { randomUUID } from "node:crypto";
import type { CreateWebhookInput, PagedList, PageInput, UpdateWebhookInput, Webhook, WebhookEvent, WebhookTarget } from "@cairn/core";
import type { Kysely } from "kysely";
import { fetchOffsetPage } from "../page-token.js";
import type { Database } from "../schema.js";
import type { StoreContext } from "../store-context.js";
import type { SecretCipher } from "./secret-cipher.js";
import { loadTargets, loadWebhooks, requireWebhook } from "./webhook-rows.js";

async function readWebhook(db: Kysely<Database>, webhookId: string): Promise<Webhook> {
  const [webhook] = await loadWebhooks(db, [await requireWebhook(db, webhookId)]);
  if (!webhook) throw new Error("unreachable: a required row loads");
  return webhook;
}

async function insertEvents(trx: Kysely<Database>, webhookId: string, events: WebhookEvent[]): Promise<void> {
  const unique = new Map(events.map((event) => [`${event.entity}.${event.action}`, event]));
  await trx
    .insertInto("webhook_events")
    .values(
      [...unique.values()].map((event, position) => ({ webhook_id: webhookId, entity: event.entity, action: event.action, position })),
    )
    .execute();
}

export async function createWebhook(ctx: StoreContext, cipher: SecretCipher, input: CreateWebhookInput): Promise<Webhook> {
  const now = Date.now();
  // MLflow's ids are uuid4 hex strings as well.
  const webhookId = randomUUID().replaceAll("-", "");
  return ctx.conn.write(async (trx) => {
    await trx
      .insertInto("webhooks")
      .values({
        webhook_id: webhookId,
        name: input.name,
        description: input.description ?? null,
        url: input.url,
        status: input.status ?? "ACTIVE",
        secret: input.secret ? cipher.seal(input.secret) : null,
        creation_timestamp: now,
        last_updated_timestamp: now,
        deleted_timestamp: null,
      })
      .execute();
    await insertEvents(trx, webhookId, input.events);
    return readWebhook(trx, webhookId);
  });
}

export async function getWebhook(ctx: StoreContext, webhookId: string): Promise<Webhook> {
  return readWebhook(ctx.conn.reader, webhookId);
}

export async function listWebhooks(ctx: StoreContext, input: PageInput): Promise<PagedList<Webhook>> {
  const query = ctx.conn.reader
    .selectFrom("webhooks")
    .selectAll()
    .where("deleted_timestamp", "is", null)
    .orderBy("creation_timestamp", "desc")
    .orderBy("webhook_id", "desc");
  return fetchOffsetPage(
    input.pageToken,
    input.maxResults,
    (limit, offset) => query.limit(limit).offset(offset).execute(),
    (rows) => loadWebhooks(ctx.conn.reader, rows),
  );
}

export async function updateWebhook(
  ctx: StoreContext,
  cipher: SecretCipher,
  webhookId: string,
  input: UpdateWebhookInput,
): Promise<Webhook> {
  return ctx.conn.write(async (trx) => {
    await requireWebhook(trx, webhookId);
    await trx
      .updateTable("webhooks")
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.secret !== undefined ? { secret: input.secret === "" ? null : cipher.seal(input.secret) } : {}),
        last_updated_timestamp: Date.now(),
      })
      .where("webhook_id", "=", webhookId)
      .execute();
    if (input.events !== undefined) {
      await trx.deleteFrom("webhook_events").where("webhook_id", "=", webhookId).execute();
      await insertEvents(trx, webhookId, input.events);
    }
    return readWebhook(trx, webhookId);
  });
}

/** A soft delete: the row stays (its id is never reused) but every read treats it as unknown. */
export async function deleteWebhook(ctx: StoreContext, webhookId: string): Promise<void> {
  await ctx.conn.write(async (trx) => {
    await requireWebhook(trx, webhookId);
    const now = Date.now();
    await trx
      .updateTable("webhooks")
      .set({ deleted_timestamp: now, last_updated_timestamp: now })
      .where("webhook_id", "=", webhookId)
      .execute();
  });
}

export async function getWebhookTarget(ctx: StoreContext, cipher: SecretCipher, webhookId: string): Promise<WebhookTarget> {
  const [target] = await loadTargets(ctx.conn.reader, [await requireWebhook(ctx.conn.reader, webhookId)], cipher);
  if (!target) throw new Error("unreachable: a required row loads");
  return target;
}

export async function listWebhookTargets(ctx: StoreContext, cipher: SecretCipher, event: WebhookEvent): Promise<WebhookTarget[]> {
  const rows = await ctx.conn.reader
    .selectFrom("webhooks")
    .selectAll("webhooks")
    .innerJoin("webhook_events", "webhook_events.webhook_id", "webhooks.webhook_id")
    .where("webhook_events.entity", "=", event.entity)
    .where("webhook_events.action", "=", event.action)
    .where("webhooks.status", "=", "ACTIVE")
    .where("webhooks.deleted_timestamp", "is", null)
    .orderBy("webhooks.creation_timestamp")
    .execute();
  return loadTargets(ctx.conn.reader, rows, cipher);
}
