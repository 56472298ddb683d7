import type { Tag } from "@cairn/core";

/**
 * A repeated key/value message (tags, params) as MLflow's handlers see it: protobuf gives an
 * unset nested string its default `""`, so `[{}]` is a tag with an empty key (which the
 * validators then refuse) rather than an `undefined` reaching the store.
 */
export function keyValues(value: unknown): Tag[] {
  return ((value as Array<Record<string, unknown>> | undefined) ?? []).map((entry) => ({
    key: typeof entry["key"] === "string" ? entry["key"] : "",
    value: typeof entry["value"] === "string" ? entry["value"] : "",
  }));
}
