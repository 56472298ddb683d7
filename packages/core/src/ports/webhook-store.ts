import type { PagedList } from "../entities/paged-list.js";
import type { Webhook, WebhookDeliveryAttempt, WebhookEvent, WebhookStatus } from "../entities/webhook.js";

export interface CreateWebhookInput {
  name: string;
  url: string;
  events: WebhookEvent[];
  description?: string;
  /** Kept (encrypted when the store has a key) to sign deliveries; never returned by reads. */
  secret?: string;
  /** ACTIVE when absent. */
  status?: WebhookStatus;
}

/** Absent fields are left as they are; `events`, when given, replaces the whole list. */
export interface UpdateWebhookInput {
  name?: string;
  url?: string;
  events?: WebhookEvent[];
  description?: string;
  /** An empty string removes the secret, so deliveries go unsigned. */
  secret?: string;
  status?: WebhookStatus;
}

export interface PageInput {
  maxResults: number;
  pageToken?: string;
}

/** A webhook with its secret, for the delivery code only (never serialised to a client). */
export interface WebhookTarget extends Webhook {
  secret?: string;
  /** Why the stored secret cannot be read (wrong or missing key): nothing is sent unsigned. */
  secretError?: string;
}

/**
 * Webhook subscriptions and their delivery log (mlflow-wire.md §1.8, §4.2). Every method
 * throws `CairnError`: RESOURCE_DOES_NOT_EXIST "Webhook with ID <id> not found" for an unknown
 * or deleted id, INVALID_PARAMETER_VALUE for bad input. Deleting is a soft delete as in MLflow:
 * the id is never reused and a deleted webhook reads as unknown.
 *
 * The store checks the URL's shape only; whether its host may be reached (SSRF) is decided by
 * the server, which resolves names, at create/update time and again when it connects.
 *
 * @example
 * const hook = await webhooks.createWebhook({
 *   name: "ci", url: "https://ci.example.com/hook", secret: "s3cret",
 *   events: [{ entity: "MODEL_VERSION", action: "CREATED" }],
 * });
 */
export interface WebhookStore {
  createWebhook(input: CreateWebhookInput): Promise<Webhook>;
  getWebhook(webhookId: string): Promise<Webhook>;
  /** Newest first (creation time, then id). */
  listWebhooks(input: PageInput): Promise<PagedList<Webhook>>;
  updateWebhook(webhookId: string, input: UpdateWebhookInput): Promise<Webhook>;
  deleteWebhook(webhookId: string): Promise<void>;

  /** The webhook and its decrypted secret, for sending a test or a retry. */
  getWebhookTarget(webhookId: string): Promise<WebhookTarget>;
  /** Every ACTIVE webhook subscribed to `event`, with secrets: the recipients of one event. */
  listWebhookTargets(event: WebhookEvent): Promise<WebhookTarget[]>;

  /** Appends one delivery attempt to the log. */
  recordDeliveryAttempt(attempt: WebhookDeliveryAttempt): Promise<void>;
  /** A webhook's attempts, newest first. An unknown webhook is RESOURCE_DOES_NOT_EXIST. */
  listDeliveryAttempts(webhookId: string, input: PageInput): Promise<PagedList<WebhookDeliveryAttempt>>;

  /** Releases connections (a no-op when the connection is shared with the tracking store). */
  close(): Promise<void>;
}
