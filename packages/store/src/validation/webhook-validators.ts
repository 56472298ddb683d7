import {
  invalidParameter,
  isValidWebhookEvent,
  parseWebhookUrl,
  VALID_WEBHOOK_EVENTS,
  WEBHOOK_STATUSES,
  type WebhookEvent,
  type WebhookStatus,
} from "@cairn/core";
import { missingParameter } from "./missing-parameter.js";
import { validateLength } from "./validators.js";

/** MLflow's `webhooks` columns (mlflow-wire.md §4.2) and Cairn's own bounds. */
export const WEBHOOK_LIMITS = {
  nameLength: 256,
  descriptionLength: 1000,
  secretLength: 1000,
  idLength: 256,
  /** Events one webhook may name: every valid pair fits. */
  events: 64,
  listMaxResults: 1000,
} as const;

export function validateWebhookName(name: string): void {
  if (name.trim() === "") throw missingParameter("name");
  validateLength("Webhook name", name, WEBHOOK_LIMITS.nameLength);
}

export function validateWebhookId(webhookId: string): void {
  if (webhookId === "") throw missingParameter("webhook_id");
  validateLength("Webhook ID", webhookId, WEBHOOK_LIMITS.idLength);
}

export function validateWebhookUrl(url: string): void {
  if (url === "") throw missingParameter("url");
  parseWebhookUrl(url);
}

export function validateWebhookDescription(description: string | undefined): void {
  if (description !== undefined) validateLength("Webhook description", description, WEBHOOK_LIMITS.descriptionLength);
}

export function validateWebhookSecret(secret: string | undefined): void {
  // The text is never echoed back: it is a secret.
  if (secret !== undefined && secret.length > WEBHOOK_LIMITS.secretLength) {
    throw invalidParameter(`Webhook secret had length ${secret.length}, which exceeded length limit of ${WEBHOOK_LIMITS.secretLength}`);
  }
}

export function validateWebhookStatus(status: string | undefined): void {
  if (status !== undefined && !(WEBHOOK_STATUSES as readonly string[]).includes(status)) {
    throw invalidParameter(`Invalid webhook status: '${status.slice(0, 50)}'. Valid statuses are: ${WEBHOOK_STATUSES.join(", ")}`);
  }
}

/** A single event: an entity × action pair MLflow allows (`VALID_ENTITY_ACTIONS`). */
export function validateWebhookEvent(event: WebhookEvent): void {
  if (!VALID_WEBHOOK_EVENTS[event.entity]) throw invalidParameter(`Invalid webhook entity: '${String(event.entity).slice(0, 50)}'.`);
  if (!isValidWebhookEvent(event)) {
    const valid = VALID_WEBHOOK_EVENTS[event.entity].map((action) => `'${action.toLowerCase()}'`);
    throw invalidParameter(
      `Invalid action '${String(event.action).toLowerCase().slice(0, 50)}' for entity '${event.entity.toLowerCase()}'. Valid actions are: [${valid.join(", ")}]`,
    );
  }
}

/** At least one event (MLflow: "Webhook events cannot be empty"), each a valid pair. */
export function validateWebhookEvents(events: WebhookEvent[]): void {
  if (events.length === 0) throw invalidParameter("Webhook events cannot be empty");
  if (events.length > WEBHOOK_LIMITS.events) throw invalidParameter(`A webhook may name at most ${WEBHOOK_LIMITS.events} events.`);
  for (const event of events) validateWebhookEvent(event);
}

export type { WebhookStatus };
