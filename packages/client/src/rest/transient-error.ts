import { CairnError } from "@cairn/core";
import { RETRYABLE_STATUSES } from "./retry-policy.js";

/**
 * Thrown when the server could not be reached or answered with a status a retry may cure
 * (429, 5xx), after the retries ran out. The background logger journals on it; a `CairnError`
 * from the server (a 4xx) is final instead.
 */
export class TransientError extends Error {
  /** The HTTP status, or undefined for a network error. */
  readonly status: number | undefined;
  /** The server's error, rebuilt, when it sent one. */
  readonly serverError: CairnError | undefined;

  constructor(message: string, options: { status?: number; serverError?: CairnError; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "TransientError";
    this.status = options.status;
    this.serverError = options.serverError;
  }
}

/** True for errors worth retrying later: unreachable servers, 429 and 5xx answers. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (error instanceof CairnError) return RETRYABLE_STATUSES.has(error.httpStatus) && error.code !== "INVALID_STATE";
  return false;
}
