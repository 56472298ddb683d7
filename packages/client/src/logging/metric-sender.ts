import type { Backend } from "../backend/backend.js";
import type { MetricBlock } from "./metric-block.js";

/**
 * Sends one block of metric points to a run as one log-batch call. Rejects with a
 * `TransientError` (or a retryable `CairnError`) when the server stays unreachable after the
 * transport's retries, so the pipeline journals the block, or with a `CairnError` it refused.
 * Senders read the block before the promise settles and never keep it: the pipeline reuses
 * delivered blocks.
 */
export interface MetricSender {
  send(runId: string, block: MetricBlock, keyNames: readonly string[]): Promise<void>;
  /** Releases threads or sockets; pending sends are settled first. */
  close(): Promise<void>;
}

/**
 * The sender on the calling thread, through the backend's tracking store: used in the browser,
 * with in-process stores (their SQL writes run in this process anyway), and on Node when the
 * worker sender is turned off.
 *
 * @example
 * const sender = backendMetricSender(backend);
 */
export function backendMetricSender(backend: Backend): MetricSender {
  return {
    send(runId, block, keyNames) {
      return backend.tracking.logBatch(runId, { metrics: block.toMetrics(keyNames) });
    },
    async close() {},
  };
}
