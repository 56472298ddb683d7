import { CairnError, type ErrorCode, isErrorCode } from "@cairn/core";
import { backoffDelay, DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, type RetryPolicy } from "./retry-policy.js";
import { TransientError } from "./transient-error.js";
import { encodeJson, toQueryString } from "./wire-codec.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpTransportOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:5000`. */
  baseUrl: string;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout; MLflow's client uses 120 s. */
  timeoutMs?: number;
  /** Extra headers on every request (e.g. `authorization`). */
  headers?: Record<string, string>;
  /** The fetch to use; the global one by default (Node 20 and browsers have it). */
  fetch?: typeof fetch;
}

/** Per-call options: an AbortSignal cancels the call (and any retry waiting for its turn). */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * What a call sends: a JSON body (or query string for GET), a body already encoded as JSON
 * text (the metric sender writes log-batch bodies straight from columns), or raw bytes for
 * artifact uploads.
 */
export type RequestBody = { json: Record<string, unknown> } | { jsonText: string } | { bytes: Uint8Array } | undefined;

/**
 * Sends requests the way MLflow's client does: GET fields in the query string, everything else
 * as JSON; retries with exponential backoff on network errors, 408, 429 and 5xx; rebuilds
 * server errors as `CairnError` with MLflow's code. Browser-safe (fetch only).
 *
 * @example
 * const http = new HttpTransport({ baseUrl: "http://127.0.0.1:5000" });
 * const out = await http.request("GET", "/api/2.0/mlflow/runs/get", { json: { run_id } });
 */
export class HttpTransport {
  readonly baseUrl: string;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #headers: Record<string, string>;
  readonly #fetch: typeof fetch;

  constructor(options: HttpTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#headers = options.headers ?? {};
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Sends a request and parses the JSON answer (an empty body reads as `{}`). */
  async request(method: HttpMethod, path: string, body: RequestBody, options?: RequestOptions): Promise<Record<string, unknown>> {
    const response = await this.send(method, path, body, options);
    const text = await response.text();
    if (text === "" || text === "200 OK") return {};
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new CairnError("INTERNAL_ERROR", `The server answered ${method} ${path} with a body that is not JSON`);
    }
  }

  /** Sends a request and returns the raw bytes of a successful answer (artifact downloads). */
  async requestBytes(method: HttpMethod, path: string, body: RequestBody, options?: RequestOptions): Promise<Uint8Array> {
    const response = await this.send(method, path, body, options);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The successful response, after retries; throws CairnError or TransientError otherwise. */
  async send(method: HttpMethod, path: string, body: RequestBody, options?: RequestOptions): Promise<Response> {
    let url = `${this.baseUrl}${path}`;
    const init: RequestInit = { method, headers: { ...this.#headers } };
    if (body && "json" in body) {
      if (method === "GET") {
        url = this.url(path, body.json);
      } else {
        (init.headers as Record<string, string>)["content-type"] = "application/json";
        init.body = encodeJson(body.json);
      }
    } else if (body && "jsonText" in body) {
      (init.headers as Record<string, string>)["content-type"] = "application/json";
      init.body = body.jsonText;
    } else if (body) {
      (init.headers as Record<string, string>)["content-type"] = "application/octet-stream";
      init.body = body.bytes;
    }
    const caller = options?.signal;
    for (let attempt = 0; ; attempt += 1) {
      caller?.throwIfAborted();
      try {
        const timeout = AbortSignal.timeout(this.#timeoutMs);
        const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
        const response = await this.#fetch(url, { ...init, signal });
        if (response.ok) return response;
        const error = await errorFrom(response);
        // INVALID_STATE is a 500 no retry can cure (e.g. renaming a deleted experiment).
        if (!RETRYABLE_STATUSES.has(response.status) || error.code === "INVALID_STATE" || attempt >= this.#retry.maxRetries) throw error;
      } catch (error) {
        if (error instanceof CairnError) throw error;
        // The caller gave up: its abort reason (an AbortError) goes back as is, never retried.
        if (caller?.aborted) throw caller.reason;
        if (attempt >= this.#retry.maxRetries) {
          throw new TransientError(`Cannot reach ${this.baseUrl} (${method} ${path}): ${describe(error)}`, { cause: error });
        }
      }
      await sleep(backoffDelay(this.#retry, attempt + 1));
    }
  }

  /**
   * The absolute URL of a GET below the base URL, fields as a query string (for links the
   * browser follows itself, such as artifact downloads).
   *
   * @example
   * http.url("/get-artifact", { run_id, path: "model/MLmodel" });
   */
  url(path: string, query: Record<string, unknown> = {}): string {
    const text = toQueryString(query);
    return `${this.baseUrl}${path}${text ? `?${text}` : ""}`;
  }
}

/** MLflow's client rule: a JSON error body is raised as is; anything else maps from the status. */
async function errorFrom(response: Response): Promise<CairnError> {
  const text = await response.text().catch(() => "");
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  const code = parsed && isErrorCode(parsed["error_code"]) ? parsed["error_code"] : codeForStatus(response.status);
  const message =
    parsed && typeof parsed["message"] === "string"
      ? parsed["message"]
      : `HTTP ${response.status}: ${text.slice(0, 500) || response.statusText}`;
  return new CairnError(code, message);
}

/** MLflow's `get_error_code` for answers without an error body. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return "BAD_REQUEST";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "ENDPOINT_NOT_FOUND";
    case 429:
      return "REQUEST_LIMIT_EXCEEDED";
    case 501:
      return "NOT_IMPLEMENTED";
    case 503:
      return "TEMPORARILY_UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      return "INTERNAL_ERROR";
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
