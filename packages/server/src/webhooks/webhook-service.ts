import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import {
  type CreateWebhookInput,
  invalidParameter,
  isValidWebhookEvent,
  type PagedList,
  type PageInput,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookDeliveryAttempt,
  type WebhookEvent,
  type WebhookStore,
  webhookEventName,
} from "@cairn/core";
import { checkWebhookTarget } from "./address-guard.js";
import { type QueueLogger, WebhookDeliveryQueue } from "./delivery-queue.js";
import { examplePayload, webhookEnvelope } from "./payloads.js";
import { WebhookDispatcher } from "./webhook-dispatcher.js";
import { type ResolvedWebhookOptions, resolveWebhookOptions, type WebhookOptions } from "./webhook-options.js";

/** MLflow's `WebhookTestResult`. */
export interface WebhookTestResult {
  success: boolean;
  response_status?: number;
  /**
   * Only the standard reason phrase of the status (e.g. "Not Found"), never the receiver's
   * body: echoing it turned MLflow's test endpoint into a full-read SSRF (CVE-2026-64849).
   */
  response_body?: string;
  error_message?: string;
}

/**
 * Webhooks as the handlers see them: the store's CRUD plus the address check at create and
 * update time, the test endpoint, and the dispatcher and queue that deliver registry events.
 *
 * @example
 * const service = new WebhookService(stores.webhooks, { allowPrivateIps: false }, console);
 * const registry = registryWithEvents(stores.registry, service.dispatcher);
 */
export class WebhookService {
  readonly #store: WebhookStore;
  readonly #options: ResolvedWebhookOptions;
  readonly queue: WebhookDeliveryQueue;
  readonly dispatcher: WebhookDispatcher;

  constructor(store: WebhookStore, options: WebhookOptions, log: QueueLogger) {
    this.#store = store;
    this.#options = resolveWebhookOptions(options);
    this.queue = new WebhookDeliveryQueue(store, this.#options, log);
    this.dispatcher = new WebhookDispatcher(store, this.queue, log, this.#options.subscriberCacheMs);
  }

  async create(input: CreateWebhookInput): Promise<Webhook> {
    // The shape checks run first (the validating store repeats them), so a malformed request
    // gets the same message whether or not its host would resolve.
    await this.#checkUrl(input.url);
    const webhook = await this.#store.createWebhook(input);
    this.dispatcher.invalidate();
    return webhook;
  }

  get(webhookId: string): Promise<Webhook> {
    return this.#store.getWebhook(webhookId);
  }

  list(input: PageInput): Promise<PagedList<Webhook>> {
    return this.#store.listWebhooks(input);
  }

  async update(webhookId: string, input: UpdateWebhookInput): Promise<Webhook> {
    if (input.url !== undefined) await this.#checkUrl(input.url);
    const webhook = await this.#store.updateWebhook(webhookId, input);
    this.dispatcher.invalidate();
    return webhook;
  }

  async delete(webhookId: string): Promise<void> {
    await this.#store.deleteWebhook(webhookId);
    this.dispatcher.invalidate();
  }

  deliveries(webhookId: string, input: PageInput): Promise<PagedList<WebhookDeliveryAttempt>> {
    return this.#store.listDeliveryAttempts(webhookId, input);
  }

  /**
   * Sends MLflow's example payload for `event` (default: the webhook's first event) once,
   * synchronously, with no retries so the API answers promptly; the attempt is logged.
   */
  async test(webhookId: string, event: WebhookEvent | undefined): Promise<WebhookTestResult> {
    const target = await this.#store.getWebhookTarget(webhookId);
    const chosen = event ?? target.events[0];
    if (!chosen) throw invalidParameter("The webhook has no events to test.");
    if (!isValidWebhookEvent(chosen)) throw invalidParameter(`Invalid webhook event: ${webhookEventName(chosen)}.`);
    const body = webhookEnvelope(chosen, examplePayload(chosen));
    const { result } = await this.queue.attempt(target, chosen, body, randomUUID(), 1);
    if (result.status === undefined) {
      return { success: false, error_message: `Failed to test webhook: ${result.error ?? "no answer"}` };
    }
    const success = result.status >= 200 && result.status < 300;
    return {
      success,
      response_status: result.status,
      response_body: STATUS_CODES[result.status] ?? "",
      ...(result.error !== undefined ? { error_message: result.error } : {}),
    };
  }

  /** Stops the queue: scheduled retries are dropped, attempts in flight finish. */
  close(): Promise<void> {
    return this.queue.close();
  }

  async #checkUrl(url: string): Promise<void> {
    if (url === "") return; // the store reports the missing value
    await checkWebhookTarget(url, this.#options);
  }
}
