import { Worker } from "node:worker_threads";
import { CairnError, type ErrorCode } from "@cairn/core";
import type { Backend } from "../backend/backend.js";
import type { MetricBlock } from "../logging/metric-block.js";
import { backendMetricSender, type MetricSender } from "../logging/metric-sender.js";
import type { HttpTransportOptions } from "../rest/http-transport.js";
import { TransientError } from "../rest/transient-error.js";

/** A block's columns, copied for the worker (the buffers are transferred, not cloned again). */
export interface SendRequest {
  id: number;
  runId: string;
  /** Key names first used since the previous request, in id order. */
  newKeys: string[];
  length: number;
  keyIds: Uint32Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
  timestamps: Float64Array<ArrayBuffer>;
  steps: Float64Array<ArrayBuffer>;
}

export interface SendReply {
  id: number;
  error?:
    | { kind: "server"; code: ErrorCode; message: string }
    | { kind: "transient"; message: string; status: number | undefined }
    | { kind: "other"; message: string };
}

type Pending = { block: MetricBlock; runId: string; keyNames: readonly string[]; resolve: () => void; reject: (error: unknown) => void };

/**
 * Sends metric blocks from a worker thread, so JSON encoding, HTTP and retries never run on the
 * training loop's thread: a send costs the caller one copy of the block's used columns (about
 * 28 KB for a full block) and one message. Errors come back rebuilt as `CairnError` or
 * `TransientError`, so the pipeline journals and reports exactly as with a sender on its own
 * thread. If the worker cannot start or dies, pending and later sends go through the backend on
 * this thread instead. The worker holds the process open only while a send is pending.
 *
 * @example
 * const sender = new WorkerMetricSender({ baseUrl: "http://127.0.0.1:5000" }, backend);
 */
export class WorkerMetricSender implements MetricSender {
  readonly #worker: Worker;
  readonly #fallback: MetricSender;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #keysSent = 0;
  #broken = false;

  constructor(http: Omit<HttpTransportOptions, "fetch">, backend: Backend) {
    this.#fallback = backendMetricSender(backend);
    this.#worker = new Worker(workerUrl(), { workerData: http });
    this.#worker.unref();
    this.#worker.on("message", (reply: SendReply) => this.#settle(reply));
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", () => this.#fail(new Error("the metric sender thread exited")));
  }

  send(runId: string, block: MetricBlock, keyNames: readonly string[]): Promise<void> {
    if (this.#broken) return this.#fallback.send(runId, block, keyNames);
    const id = this.#nextId++;
    const length = block.length;
    const request: SendRequest = {
      id,
      runId,
      newKeys: keyNames.slice(this.#keysSent),
      length,
      keyIds: block.keyIds.slice(0, length),
      values: block.values.slice(0, length),
      timestamps: block.timestamps.slice(0, length),
      steps: block.steps.slice(0, length),
    };
    this.#keysSent = keyNames.length;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { block, runId, keyNames, resolve, reject });
      this.#worker.postMessage(request, [request.keyIds.buffer, request.values.buffer, request.timestamps.buffer, request.steps.buffer]);
    });
  }

  async close(): Promise<void> {
    // The pipeline closes after its last flush; anything still pending settles first.
    while (this.#pending.size > 0 && !this.#broken) await new Promise((resolve) => setTimeout(resolve, 5));
    this.#broken = true;
    await this.#worker.terminate();
  }

  #settle(reply: SendReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    const { error } = reply;
    if (!error) pending.resolve();
    else if (error.kind === "server") pending.reject(new CairnError(error.code, error.message));
    else if (error.kind === "transient") pending.reject(new TransientError(error.message, { status: error.status }));
    else pending.reject(new Error(error.message));
  }

  #fail(error: Error): void {
    if (this.#broken) return;
    this.#broken = true;
    console.warn(`[cairn] metric sender thread failed, sending from the main thread: ${error.message}`);
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      this.#fallback.send(pending.runId, pending.block, pending.keyNames).then(pending.resolve, pending.reject);
    }
  }
}

/**
 * The worker's script beside this module. Under Vitest the SDK runs from its TypeScript
 * sources, which a worker thread cannot load, so it takes the build instead (`npm test` builds
 * first).
 */
function workerUrl(): URL {
  const url = new URL("./metric-sender-worker.js", import.meta.url);
  return import.meta.url.endsWith(".ts") ? new URL(url.href.replace("/src/node/", "/dist/node/")) : url;
}
