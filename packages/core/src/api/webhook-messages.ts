import { WEBHOOK_ACTIONS, WEBHOOK_ENTITIES, WEBHOOK_STATUSES } from "../entities/webhook.js";
import { enumOf, int32, type MessageSpec, message, messageList, str } from "./field-spec.js";

/** Request messages of `webhooks.proto` (mlflow-wire.md §1.8), plus Cairn's delivery log. */

const event: MessageSpec = { entity: enumOf(WEBHOOK_ENTITIES, true), action: enumOf(WEBHOOK_ACTIONS, true) };

export const webhookRequests = {
  createWebhook: {
    name: str(true),
    description: str(),
    url: str(true),
    events: { ...messageList(event), required: true },
    secret: str(),
    status: enumOf(WEBHOOK_STATUSES),
  },
  listWebhooks: { max_results: int32(), page_token: str() },
  getWebhook: { webhook_id: str(true) },
  updateWebhook: {
    webhook_id: str(true),
    name: str(),
    description: str(),
    url: str(),
    events: messageList(event),
    secret: str(),
    status: enumOf(WEBHOOK_STATUSES),
  },
  deleteWebhook: { webhook_id: str(true) },
  testWebhook: { webhook_id: str(true), event: message(event) },
  listWebhookDeliveries: { webhook_id: str(true), max_results: int32(), page_token: str() },
} satisfies Record<string, MessageSpec>;
