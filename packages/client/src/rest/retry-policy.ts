/**
 * When and how long to wait before retrying a request. MLflow's Python client retries 408,
 * 429, 500, 502, 503 and 504 with exponential backoff; Cairn's writes are idempotent, so the
 * SDK does the same for every call, plus network errors (refused, reset, timed out).
 *
 * @example
 * const policy: RetryPolicy = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 2_000 };
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** Delay before the first retry; it doubles on each further one (with up to 50% jitter). */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, initialDelayMs: 200, maxDelayMs: 5_000 };

/** HTTP statuses a retry may cure (MLflow's list). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** The wait before retry number `attempt` (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return base * (0.5 + Math.random() * 0.5);
}
