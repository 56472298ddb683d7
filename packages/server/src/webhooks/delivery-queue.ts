import { randomUUID } from "node:crypto";
import { type WebhookDeliveryAttempt, type WebhookEvent, type WebhookStore, type WebhookTarget, webhookEventName } from "@cairn/core";
import { CAIRN_VERSION } from "../version.js";
import { checkWebhookTarget, UnresolvedHostError } from "./address-guard.js";
import { webhookEnvelope } from "./payloads.js";
import { type AttemptResult, sendOnce } from "./send-once.js";
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signWebhookPayload, TIMESTAMP_HEADER } from "./signature.js";
import type { ResolvedWebhookOptions } from "./webhook-options.js";

/** One event on its way to one webhook. Retries keep the delivery id and the body. */
interface Delivery {
  target: WebhookTarget;
  event: WebhookEvent;
  body: string;
  deliveryId: string;
  attempt: number;
}

/** What one attempt came to, as recorded. */
export interface AttemptOutcome {
  record: WebhookDeliveryAttempt;
  result: AttemptResult;
  retryInMs?: number;
}

export interface QueueLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** 429 and 5xx ask to be tried again; so does no answer at all. */
function retryable(result: AttemptResult): boolean {
  if (result.status === undefined) return true;
  return result.status === 429 || result.status >= 500;
}

/**
 * The bounded, in-process delivery queue. Each delivery is sent up to `maxAttempts` times:
 * on a network error, 429 or 5xx it waits `Retry-After` when the receiver sent one, else
 * `baseDelayMs` doubled per attempt (plus up to 20 % jitter), never more than `maxDelayMs`.
 * Every attempt is recorded in the store's delivery log, and the address is checked again
 * before each one. Waiting deliveries live in memory only: a stopped process loses them (the
 * log shows their last RETRYING attempt). When `queueCapacity` deliveries are pending, new
 * events are dropped, logged and recorded as FAILED instead of growing memory without bound.
 */
export class WebhookDeliveryQueue {
  readonly #store: WebhookStore;
  readonly #options: ResolvedWebhookOptions;
  readonly #log: QueueLogger;
  readonly #ready: Delivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  #pending = 0;
  #closed = false;
  #idleWaiters: Array<() => void> = [];

  constructor(store: WebhookStore, options: ResolvedWebhookOptions, log: QueueLogger) {
    this.#store = store;
    this.#options = options;
    this.#log = log;
  }

  /** Deliveries waiting, in flight or scheduled for a retry. */
  get pending(): number {
    return this.#pending;
  }

  /** Queues `data` for `target`; false when the queue is full or closed (the event is dropped). */
  enqueue(target: WebhookTarget, event: WebhookEvent, data: Record<string, unknown>): boolean {
    const delivery: Delivery = { target, event, body: webhookEnvelope(event, data), deliveryId: randomUUID(), attempt: 1 };
    if (this.#closed || this.#pending >= this.#options.queueCapacity) {
      const why = this.#closed ? "the server is stopping" : `the delivery queue is full (${this.#options.queueCapacity} pending)`;
      this.#log.warn(`webhook ${target.webhook_id}: ${webhookEventName(event)} dropped because ${why}`);
      void this.#record(delivery, Date.now(), 0, "FAILED", { error: `Dropped: ${why}.` });
      return false;
    }
    this.#pending += 1;
    this.#ready.push(delivery);
    this.#pump();
    return true;
  }

  /**
   * Sends one attempt and records it: what the test endpoint runs (without retries, so the
   * API answers promptly) and what each queued attempt runs.
   */
  async attempt(target: WebhookTarget, event: WebhookEvent, body: string, deliveryId: string, attempt: number): Promise<AttemptOutcome> {
    const started = Date.now();
    const delivery: Delivery = { target, event, body, deliveryId, attempt };
    let result: AttemptResult;
    let canRetry = false;
    if (target.secretError) {
      result = { error: target.secretError };
    } else {
      try {
        const checked = await checkWebhookTarget(target.url, this.#options);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const headers: Record<string, string> = {
          "Content-Type": "application/json",
          "User-Agent": `Cairn-Webhooks/${CAIRN_VERSION}`,
          [DELIVERY_ID_HEADER]: deliveryId,
          [TIMESTAMP_HEADER]: timestamp,
        };
        if (target.secret) headers[SIGNATURE_HEADER] = signWebhookPayload(target.secret, deliveryId, timestamp, body);
        result = await sendOnce(checked, body, headers, this.#options.timeoutMs);
        canRetry = retryable(result);
      } catch (error) {
        result = { error: error instanceof Error ? error.message : String(error) };
        canRetry = error instanceof UnresolvedHostError;
      }
    }
    const succeeded = result.status !== undefined && result.status >= 200 && result.status < 300;
    if (result.status !== undefined && result.status >= 300 && result.status < 400) {
      result = { ...result, error: "Redirects are not followed." };
    }
    const retry = !succeeded && canRetry && attempt < this.#options.maxAttempts;
    const outcome = succeeded ? "SUCCEEDED" : retry ? "RETRYING" : "FAILED";
    const record = await this.#record(delivery, started, Date.now() - started, outcome, result);
    return retry ? { record, result, retryInMs: this.#delay(attempt, result.retryAfterMs) } : { record, result };
  }

  /** Resolves once nothing is pending (for orderly shutdown and tests). */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops taking events, cancels scheduled retries and waits for attempts in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#pending -= this.#ready.length;
    this.#ready.length = 0;
    await Promise.allSettled([...this.#running]);
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #delay(attempt: number, retryAfterMs: number | undefined): number {
    const { baseDelayMs, maxDelayMs } = this.#options;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxDelayMs);
    const exponential = baseDelayMs * 2 ** (attempt - 1);
    return Math.min(maxDelayMs, exponential * (1 + Math.random() * 0.2));
  }

  #pump(): void {
    while (this.#running.size < this.#options.concurrency && this.#ready.length > 0) {
      const delivery = this.#ready.shift() as Delivery;
      const run = this.#run(delivery).finally(() => {
        this.#running.delete(run);
        this.#pump();
      });
      this.#running.add(run);
    }
  }

  async #run(delivery: Delivery): Promise<void> {
    let retryInMs: number | undefined;
    try {
      ({ retryInMs } = await this.attempt(delivery.target, delivery.event, delivery.body, delivery.deliveryId, delivery.attempt));
    } catch (error) {
      this.#log.error(`webhook ${delivery.target.webhook_id}: delivery failed unexpectedly: ${String(error)}`);
    }
    if (retryInMs !== undefined && !this.#closed) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#ready.push({ ...delivery, attempt: delivery.attempt + 1 });
        this.#pump();
      }, retryInMs);
      this.#timers.add(timer);
      return;
    }
    this.#pending -= 1;
    if (this.#pending === 0) {
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  async #record(
    delivery: Delivery,
    timestamp: number,
    durationMs: number,
    outcome: WebhookDeliveryAttempt["outcome"],
    result: AttemptResult,
  ): Promise<WebhookDeliveryAttempt> {
    const record: WebhookDeliveryAttempt = {
      delivery_id: delivery.deliveryId,
      webhook_id: delivery.target.webhook_id,
      event: webhookEventName(delivery.event),
      attempt: delivery.attempt,
      timestamp,
      outcome,
      ...(result.status !== undefined ? { response_status: result.status } : {}),
      ...(result.error !== undefined ? { error_message: result.error } : {}),
      duration_ms: durationMs,
    };
    try {
      await this.#store.recordDeliveryAttempt(record);
    } catch (error) {
      this.#log.error(`webhook ${delivery.target.webhook_id}: could not record a delivery attempt: ${String(error)}`);
    }
    return record;
  }
}
