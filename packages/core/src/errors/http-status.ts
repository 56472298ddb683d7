import { assertNever } from "./assert-never.js";
import type { ErrorCode } from "./error-code.js";

/**
 * MLflow's code → HTTP status table (`mlflow/exceptions.py`). Note that
 * RESOURCE_ALREADY_EXISTS is 400, not 409: clients depend on it.
 */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case "INVALID_PARAMETER_VALUE":
    case "BAD_REQUEST":
    case "RESOURCE_ALREADY_EXISTS":
      return 400;
    case "CUSTOMER_UNAUTHORIZED":
    case "UNAUTHENTICATED":
      return 401;
    case "PERMISSION_DENIED":
      return 403;
    case "RESOURCE_DOES_NOT_EXIST":
    case "NOT_FOUND":
    case "ENDPOINT_NOT_FOUND":
      return 404;
    case "ABORTED":
    case "RESOURCE_CONFLICT":
    case "ALREADY_EXISTS":
      return 409;
    case "REQUEST_LIMIT_EXCEEDED":
    case "RESOURCE_EXHAUSTED":
      return 429;
    case "CANCELLED":
      return 499;
    case "NOT_IMPLEMENTED":
      return 501;
    case "TEMPORARILY_UNAVAILABLE":
      return 503;
    case "DEADLINE_EXCEEDED":
      return 504;
    case "INTERNAL_ERROR":
    case "INVALID_STATE":
    case "DATA_LOSS":
    case "MALFORMED_REQUEST":
    case "FEATURE_DISABLED":
      return 500;
    default:
      return assertNever(code);
  }
}
