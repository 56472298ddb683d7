import { type WebhookEvent, type WebhookStore, type WebhookTarget, webhookEventName } from "@cairn/core";
import type { QueueLogger, WebhookDeliveryQueue } from "./delivery-queue.js";

/** An event ready to send: which one, and its payload (`mlflow/webhooks/types.py`). */
export interface EventMessage {
  event: WebhookEvent;
  data: Record<string, unknown>;
}

/**
 * Turns registry events into queued deliveries, off the request path. `publish` returns at
 * once; the subscribers of the candidate events are looked up (cached for a few seconds, as
 * MLflow caches them for 60) and only when someone listens is `resolve` run to build the
 * message, since telling a prompt from a model may need a read.
 */
export class WebhookDispatcher {
  readonly #store: WebhookStore;
  readonly #queue: WebhookDeliveryQueue;
  readonly #log: QueueLogger;
  readonly #cacheMs: number;
  readonly #cache = new Map<string, { at: number; targets: Promise<WebhookTarget[]> }>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(store: WebhookStore, queue: WebhookDeliveryQueue, log: QueueLogger, cacheMs: number) {
    this.#store = store;
    this.#queue = queue;
    this.#log = log;
    this.#cacheMs = cacheMs;
  }

  /** Webhooks changed here: forget the cached subscriber lists. */
  invalidate(): void {
    this.#cache.clear();
  }

  /**
   * Fires after a registry write committed. `candidates` are the events it may turn out to be
   * (a model or a prompt); `resolve` says which, with its payload, or null for none.
   */
  publish(candidates: readonly WebhookEvent[], resolve: () => Promise<EventMessage | null>): void {
    const work = this.#deliver(candidates, resolve).catch((error: unknown) => {
      this.#log.error(`webhook event ${candidates.map(webhookEventName).join("|")} not delivered: ${String(error)}`);
    });
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  /** Resolves once every published event has been queued (not delivered). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #deliver(candidates: readonly WebhookEvent[], resolve: () => Promise<EventMessage | null>): Promise<void> {
    const listening = await Promise.all(candidates.map((event) => this.#targets(event)));
    if (listening.every((targets) => targets.length === 0)) return;
    const message = await resolve();
    if (!message) return;
    for (const target of await this.#targets(message.event)) this.#queue.enqueue(target, message.event, message.data);
  }

  #targets(event: WebhookEvent): Promise<WebhookTarget[]> {
    const key = webhookEventName(event);
    const cached = this.#cache.get(key);
    if (cached && Date.now() - cached.at < this.#cacheMs) return cached.targets;
    const targets = this.#store.listWebhookTargets(event);
    this.#cache.set(key, { at: Date.now(), targets });
    // A failed look-up is not cached.
    targets.catch(() => this.#cache.delete(key));
    return targets;
  }
}
