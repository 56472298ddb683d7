/**
 * Webhooks (mlflow-wire.md §1.8, MLflow's `webhooks.proto` and `mlflow/entities/webhook.py`).
 * On the wire entity and action are enum names (`MODEL_VERSION`, `CREATED`); in a delivery's
 * body they are MLflow's lowercase values (`model_version`, `created`).
 */
export const WEBHOOK_ENTITIES = [
  "REGISTERED_MODEL",
  "MODEL_VERSION",
  "MODEL_VERSION_TAG",
  "MODEL_VERSION_ALIAS",
  "PROMPT",
  "PROMPT_VERSION",
  "PROMPT_TAG",
  "PROMPT_VERSION_TAG",
  "PROMPT_ALIAS",
  "BUDGET_POLICY",
] as const;
export type WebhookEntity = (typeof WEBHOOK_ENTITIES)[number];

export const WEBHOOK_ACTIONS = ["CREATED", "UPDATED", "DELETED", "SET", "EXCEEDED"] as const;
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];

export const WEBHOOK_STATUSES = ["ACTIVE", "DISABLED"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export interface WebhookEvent {
  entity: WebhookEntity;
  action: WebhookAction;
}

/**
 * The entity × action pairs MLflow accepts (`VALID_ENTITY_ACTIONS`). BUDGET_POLICY belongs to
 * MLflow's AI gateway, which Cairn does not have, so it is left out: subscribing to an event
 * that can never fire is refused rather than accepted silently.
 */
export const VALID_WEBHOOK_EVENTS: Readonly<Record<WebhookEntity, readonly WebhookAction[]>> = {
  REGISTERED_MODEL: ["CREATED"],
  MODEL_VERSION: ["CREATED"],
  MODEL_VERSION_TAG: ["SET", "DELETED"],
  MODEL_VERSION_ALIAS: ["CREATED", "DELETED"],
  PROMPT: ["CREATED"],
  PROMPT_VERSION: ["CREATED"],
  PROMPT_TAG: ["SET", "DELETED"],
  PROMPT_VERSION_TAG: ["SET", "DELETED"],
  PROMPT_ALIAS: ["CREATED", "DELETED"],
  BUDGET_POLICY: [],
};

export function isValidWebhookEvent(event: WebhookEvent): boolean {
  return VALID_WEBHOOK_EVENTS[event.entity].includes(event.action);
}

/** `model_version.created`: MLflow's string form, used in logs and in the deliveries table. */
export function webhookEventName(event: WebhookEvent): string {
  return `${event.entity.toLowerCase()}.${event.action.toLowerCase()}`;
}

/** A webhook as the API returns it: the secret is never part of it. */
export interface Webhook {
  webhook_id: string;
  name: string;
  description?: string;
  url: string;
  events: WebhookEvent[];
  status: WebhookStatus;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

/** One HTTP attempt at delivering an event (a Cairn extension; MLflow keeps no record). */
export interface WebhookDeliveryAttempt {
  /** The `X-MLflow-Delivery-Id` of the delivery; every retry of one event shares it. */
  delivery_id: string;
  webhook_id: string;
  /** `entity.action` in MLflow's lowercase form, e.g. `model_version.created`. */
  event: string;
  /** 1 for the first try, then 2, 3, … for retries. */
  attempt: number;
  /** Milliseconds since the epoch when the attempt started. */
  timestamp: number;
  /** SUCCEEDED (2xx/3xx answer), RETRYING (will be tried again) or FAILED (given up). */
  outcome: "SUCCEEDED" | "RETRYING" | "FAILED";
  /** The receiver's HTTP status, when it answered. */
  response_status?: number;
  /** Why the attempt failed without an answer (refused address, timeout, connection error). */
  error_message?: string;
  duration_ms: number;
}
