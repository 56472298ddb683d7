import {
  CairnError,
  type Webhook,
  type WebhookAction,
  type WebhookEntity,
  type WebhookEvent,
  type WebhookStatus,
  type WebhookTarget,
} from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database, WebhooksTable } from "../schema.js";
import type { SecretCipher } from "./secret-cipher.js";

export function webhookNotFound(webhookId: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `Webhook with ID ${webhookId} not found`);
}

/** A live (not deleted) webhook row, or RESOURCE_DOES_NOT_EXIST. */
export async function requireWebhook(db: Kysely<Database>, webhookId: string): Promise<WebhooksTable> {
  const row = await db
    .selectFrom("webhooks")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .where("deleted_timestamp", "is", null)
    .executeTakeFirst();
  if (!row) throw webhookNotFound(webhookId);
  return row;
}

/** Rows to entities, with each webhook's events loaded in one `IN (…)` query. */
export async function loadWebhooks(db: Kysely<Database>, rows: WebhooksTable[]): Promise<Webhook[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom("webhook_events")
    .selectAll()
    .where(
      "webhook_id",
      "in",
      rows.map((row) => row.webhook_id),
    )
    .orderBy("webhook_id")
    .orderBy("position")
    .execute();
  const byWebhook = new Map<string, WebhookEvent[]>();
  for (const event of events) {
    const list = byWebhook.get(event.webhook_id) ?? [];
    list.push({ entity: event.entity as WebhookEntity, action: event.action as WebhookAction });
    byWebhook.set(event.webhook_id, list);
  }
  return rows.map((row) => ({
    webhook_id: row.webhook_id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    url: row.url,
    events: byWebhook.get(row.webhook_id) ?? [],
    status: row.status as WebhookStatus,
    creation_timestamp: Number(row.creation_timestamp),
    last_updated_timestamp: Number(row.last_updated_timestamp),
  }));
}

export async function loadTargets(db: Kysely<Database>, rows: WebhooksTable[], cipher: SecretCipher): Promise<WebhookTarget[]> {
  const webhooks = await loadWebhooks(db, rows);
  return webhooks.map((webhook, index) => {
    const secret = rows[index]?.secret;
    if (!secret) return webhook;
    try {
      return { ...webhook, secret: cipher.open(secret) };
    } catch (error) {
      // One unreadable secret must not stop the other webhooks of the same event.
      return { ...webhook, secretError: error instanceof Error ? error.message : String(error) };
    }
  });
}
