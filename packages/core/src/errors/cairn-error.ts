import type { ErrorCode } from "./error-code.js";
import { httpStatusFor } from "./http-status.js";

/**
 * The one error class of Cairn. Stores, handlers and the REST client all throw it; the
 * server's error handler is the only place that turns it into `{error_code, message}`.
 *
 * @example
 * throw new CairnError("RESOURCE_DOES_NOT_EXIST", `Run with id=${runId} not found`);
 */
export class CairnError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CairnError";
    this.code = code;
  }

  get httpStatus(): number {
    return httpStatusFor(this.code);
  }

  toJSON(): { error_code: ErrorCode; message: string } {
    return { error_code: this.code, message: this.message };
  }
}

/** Shorthand for the most common error: bad input, HTTP 400. */
export function invalidParameter(message: string): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", message);
}

/** Shorthand for an unknown id or name, HTTP 404. */
export function notFound(message: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", message);
}
