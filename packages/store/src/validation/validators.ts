import { invalidParameter, type Metric } from "@cairn/core";
import { LIMITS } from "./limits.js";

/**
 * MLflow's input checks and their message texts (clients and MLflow's own tests assert
 * them). Each throws `INVALID_PARAMETER_VALUE`.
 */

// Letters, digits, '_', '-', '.', ' ', '/' and ':' — MLflow's key alphabet on POSIX.
const KEY_PATTERN = /^[\p{L}\p{N}_\-. /:]*$/u;
const BAD_CHARACTERS =
  "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).";

/** POSIX normpath of a key: keys must not name another key when treated as a file path. */
function normalisedKey(key: string): string {
  const parts: string[] = [];
  for (const part of key.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  // As posixpath.normpath: nothing left is ".", so an empty key is refused like MLflow does.
  return parts.join("/") || ".";
}

export function validateKey(kind: "metric" | "param" | "tag", key: string): void {
  if (!KEY_PATTERN.test(key)) throw invalidParameter(`Invalid ${kind} name: '${key}'. ${BAD_CHARACTERS}`);
  if (key.startsWith("/") || key.split("/").includes("..") || normalisedKey(key) !== key) {
    throw invalidParameter(
      `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${normalisedKey(key)}'`,
    );
  }
  validateLength(`${capitalise(kind)} name`, key, LIMITS.entityKeyLength);
}

export function validateLength(what: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw invalidParameter(`${what} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`);
  }
}

/** MLflow truncates over-long param and tag values by default (MLFLOW_TRUNCATE_LONG_VALUES). */
export function truncate(value: string, limit: number): string {
  return value.length > limit ? value.slice(0, limit) : value;
}

/**
 * A batch's metrics in order. A batch repeats few keys (1000 points of 10 metrics), so each
 * distinct key is checked once: the key checks were most of a large batch's validation time.
 */
export function validateMetrics(metrics: readonly Metric[]): void {
  const validKeys = new Set<string>();
  for (const metric of metrics) {
    if (!validKeys.has(metric.key)) {
      validateKey("metric", metric.key);
      validKeys.add(metric.key);
    }
    validateMetricPoint(metric);
  }
}

/** The value, timestamp and step of a metric whose key was checked. */
function validateMetricPoint(metric: Metric): void {
  if (typeof metric.value !== "number") {
    throw invalidParameter(
      `Got invalid value ${String(metric.value)} for metric '${metric.key}' (timestamp=${metric.timestamp}). Please specify value as a valid double (64-bit floating point)`,
    );
  }
  if (!Number.isSafeInteger(metric.timestamp) || metric.timestamp < 0) {
    throw invalidParameter(
      `Got invalid timestamp ${metric.timestamp} for metric '${metric.key}' (value=${metric.value}). Timestamp must be a nonnegative long (64-bit integer) `,
    );
  }
  if (!Number.isSafeInteger(metric.step)) {
    throw invalidParameter(
      `Got invalid step ${metric.step} for metric '${metric.key}' (value=${metric.value}). Step must be a valid long (64-bit integer).`,
    );
  }
}

const RUN_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,255}$/;

export function validateRunId(runId: string): void {
  // A run id is at most 256 characters; a longer value is not echoed in full.
  if (!RUN_ID_PATTERN.test(runId)) throw invalidParameter(`Invalid run ID: '${runId.length > 300 ? `${runId.slice(0, 300)}...` : runId}'`);
}

export function validateExperimentName(name: string): void {
  if (name.trim() === "") throw invalidParameter(`Invalid experiment name: '${name}'`);
  validateLength("Experiment name", name, LIMITS.experimentNameLength);
}

export function validateMaxResults(value: number, limit: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw invalidParameter(`Invalid value ${value} for parameter 'max_results' supplied. It must be a positive integer`);
  }
  if (value > limit) {
    throw invalidParameter(
      `Invalid value ${value} for parameter 'max_results' supplied. It must be at most ${limit}, but got value ${value}`,
    );
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
