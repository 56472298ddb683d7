import type { LookupAddress } from "node:dns";

/** How the server sends webhooks. Every field has a default (`resolveWebhookOptions`). */
export interface WebhookOptions {
  /**
   * Allow targets on private, loopback, link-local, CGNAT and other non-public addresses
   * (`--webhooks-allow-private-ips`). Cloud metadata addresses stay refused regardless.
   */
  allowPrivateIps?: boolean;
  /** Attempts per delivery, the first included (MLflow: 1 + 3 retries). */
  maxAttempts?: number;
  /** First retry delay; each further one doubles (with jitter), up to `maxDelayMs`. */
  baseDelayMs?: number;
  /** Longest wait before a retry, `Retry-After` included. */
  maxDelayMs?: number;
  /** Per-attempt time limit (connect, send, response headers). */
  timeoutMs?: number;
  /** Deliveries waiting or in flight; beyond it new events are dropped and logged. */
  queueCapacity?: number;
  /** Attempts sent at the same time. */
  concurrency?: number;
  /** How long the list of an event's subscribers is cached (created/updated/deleted here resets it). */
  subscriberCacheMs?: number;
  /** DNS look-up, replaceable so tests can make a name resolve anywhere. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
}

export type ResolvedWebhookOptions = Required<Omit<WebhookOptions, "lookup">> & Pick<WebhookOptions, "lookup">;

export function resolveWebhookOptions(options: WebhookOptions = {}): ResolvedWebhookOptions {
  return {
    allowPrivateIps: options.allowPrivateIps ?? false,
    maxAttempts: options.maxAttempts ?? 4,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 10_000,
    queueCapacity: options.queueCapacity ?? 1000,
    concurrency: options.concurrency ?? 4,
    subscriberCacheMs: options.subscriberCacheMs ?? 5000,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
}
