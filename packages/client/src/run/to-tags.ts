import type { KeyValue } from "@cairn/core";

/**
 * Params and tags from a plain object: strings as they are, other values as JSON (numbers and
 * booleans print the way Python's `str()` would for MLflow's UI, e.g. `0.01`, `true`).
 *
 * @example
 * toKeyValues({ lr: 0.01, layers: [64, 32] }); // [{ key: "lr", value: "0.01" }, { key: "layers", value: "[64,32]" }]
 */
export function toKeyValues(values: Record<string, unknown> | undefined): KeyValue[] {
  if (!values) return [];
  const out: KeyValue[] = [];
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (value === undefined) continue;
    out.push({ key, value: typeof value === "string" ? value : JSON.stringify(value) });
  }
  return out;
}
