import { CairnError, invalidParameter, type WebhookEvent, type WebhookStatus } from "@cairn/core";
import type { WebhookService } from "../webhooks/webhook-service.js";
import type { Handler, HandlerContext } from "./handler.js";
import { s } from "./registry-context.js";

/** The webhook service, or ENDPOINT_NOT_FOUND when the server was built without one. */
function webhooksOf(ctx: HandlerContext): WebhookService {
  if (!ctx.webhooks) throw new CairnError("ENDPOINT_NOT_FOUND", "Webhooks are not enabled on this server.");
  return ctx.webhooks;
}

/** Nested required fields are not covered by the generic check: an event needs both halves. */
function event(raw: unknown, field: string): WebhookEvent {
  const value = raw as { entity?: WebhookEvent["entity"]; action?: WebhookEvent["action"] };
  if (value.entity === undefined) throw invalidParameter(`Missing value for required parameter '${field}.entity'.`);
  if (value.action === undefined) throw invalidParameter(`Missing value for required parameter '${field}.action'.`);
  return { entity: value.entity, action: value.action };
}

const events = (raw: unknown): WebhookEvent[] | undefined => (Array.isArray(raw) ? raw.map((item) => event(item, "events")) : undefined);

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** Webhook endpoints (mlflow-wire.md §1.8) and Cairn's delivery log. */
export const webhookHandlers = {
  async createWebhook(ctx, req) {
    const webhook = await webhooksOf(ctx).create({
      name: req["name"] as string,
      url: req["url"] as string,
      events: events(req["events"]) ?? [],
      ...optional("description", s(req["description"])),
      ...optional("secret", s(req["secret"])),
      ...optional("status", req["status"] as WebhookStatus | undefined),
    });
    return { webhook };
  },
  async listWebhooks(ctx, req) {
    const page = await webhooksOf(ctx).list({
      // The proto's default.
      maxResults: (req["max_results"] as number | undefined) ?? 100,
      ...optional("pageToken", s(req["page_token"]) || undefined),
    });
    return { webhooks: page.items, next_page_token: page.next_page_token };
  },
  async getWebhook(ctx, req) {
    return { webhook: await webhooksOf(ctx).get(req["webhook_id"] as string) };
  },
  async updateWebhook(ctx, req) {
    const webhook = await webhooksOf(ctx).update(req["webhook_id"] as string, {
      ...optional("name", s(req["name"])),
      ...optional("description", s(req["description"])),
      ...optional("url", s(req["url"])),
      ...optional("events", events(req["events"])),
      ...optional("secret", s(req["secret"])),
      ...optional("status", req["status"] as WebhookStatus | undefined),
    });
    return { webhook };
  },
  async deleteWebhook(ctx, req) {
    await webhooksOf(ctx).delete(req["webhook_id"] as string);
    return {};
  },
  async testWebhook(ctx, req) {
    const chosen = req["event"] === undefined ? undefined : event(req["event"], "event");
    return { result: await webhooksOf(ctx).test(req["webhook_id"] as string, chosen) };
  },
  async listWebhookDeliveries(ctx, req) {
    const page = await webhooksOf(ctx).deliveries(req["webhook_id"] as string, {
      maxResults: (req["max_results"] as number | undefined) ?? 100,
      ...optional("pageToken", s(req["page_token"]) || undefined),
    });
    return { deliveries: page.items, next_page_token: page.next_page_token };
  },
} satisfies Record<string, Handler>;
