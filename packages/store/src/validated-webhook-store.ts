import type { WebhookStore } from "@cairn/core";
import { validateMaxResults } from "./validation/validators.js";
import {
  validateWebhookDescription,
  validateWebhookEvents,
  validateWebhookId,
  validateWebhookName,
  validateWebhookSecret,
  validateWebhookStatus,
  validateWebhookUrl,
  WEBHOOK_LIMITS,
} from "./validation/webhook-validators.js";

/**
 * Wraps a webhook store so every input is checked once, above every backend, before the store
 * is touched: a refused request writes nothing. The URL's shape is checked here (scheme, host,
 * length, no credentials); whether its address may be reached is the server's check, since it
 * needs DNS.
 *
 * @example
 * const webhooks = validatedWebhookStore(await SqlWebhookStore.open(conn));
 */
export function validatedWebhookStore(store: WebhookStore): WebhookStore {
  return {
    async createWebhook(input) {
      validateWebhookName(input.name);
      validateWebhookUrl(input.url);
      validateWebhookEvents(input.events);
      validateWebhookDescription(input.description);
      validateWebhookSecret(input.secret);
      validateWebhookStatus(input.status);
      return store.createWebhook(input);
    },
    async getWebhook(webhookId) {
      validateWebhookId(webhookId);
      return store.getWebhook(webhookId);
    },
    async listWebhooks(input) {
      validateMaxResults(input.maxResults, WEBHOOK_LIMITS.listMaxResults);
      return store.listWebhooks(input);
    },
    async updateWebhook(webhookId, input) {
      validateWebhookId(webhookId);
      if (input.name !== undefined) validateWebhookName(input.name);
      if (input.url !== undefined) validateWebhookUrl(input.url);
      if (input.events !== undefined) validateWebhookEvents(input.events);
      validateWebhookDescription(input.description);
      validateWebhookSecret(input.secret);
      validateWebhookStatus(input.status);
      return store.updateWebhook(webhookId, input);
    },
    async deleteWebhook(webhookId) {
      validateWebhookId(webhookId);
      return store.deleteWebhook(webhookId);
    },
    async getWebhookTarget(webhookId) {
      validateWebhookId(webhookId);
      return store.getWebhookTarget(webhookId);
    },
    listWebhookTargets: (event) => store.listWebhookTargets(event),
    recordDeliveryAttempt: (attempt) => store.recordDeliveryAttempt(attempt),
    async listDeliveryAttempts(webhookId, input) {
      validateWebhookId(webhookId);
      validateMaxResults(input.maxResults, WEBHOOK_LIMITS.listMaxResults);
      return store.listDeliveryAttempts(webhookId, input);
    },
    close: () => store.close(),
  };
}
