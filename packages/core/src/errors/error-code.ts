/**
 * The MLflow error codes Cairn emits (a subset of MLflow's `ErrorCode` enum in
 * `databricks.proto`). The wire carries the name, e.g. `"RESOURCE_DOES_NOT_EXIST"`.
 */
export const ERROR_CODES = [
  "INTERNAL_ERROR",
  "TEMPORARILY_UNAVAILABLE",
  "BAD_REQUEST",
  "INVALID_PARAMETER_VALUE",
  "ENDPOINT_NOT_FOUND",
  "MALFORMED_REQUEST",
  "INVALID_STATE",
  "PERMISSION_DENIED",
  "FEATURE_DISABLED",
  "CUSTOMER_UNAUTHORIZED",
  "UNAUTHENTICATED",
  "REQUEST_LIMIT_EXCEEDED",
  "RESOURCE_EXHAUSTED",
  "RESOURCE_ALREADY_EXISTS",
  "RESOURCE_DOES_NOT_EXIST",
  "NOT_FOUND",
  "ABORTED",
  "RESOURCE_CONFLICT",
  "ALREADY_EXISTS",
  "CANCELLED",
  "DATA_LOSS",
  "NOT_IMPLEMENTED",
  "DEADLINE_EXCEEDED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
