import { type CairnError, invalidParameter } from "@cairn/core";

/** MLflow's `missing_value` message, for required values the store checks itself. */
export function missingParameter(name: string): CairnError {
  return invalidParameter(`Missing value for required parameter '${name}'.`);
}
