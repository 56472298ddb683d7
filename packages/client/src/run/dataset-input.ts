import type { DatasetInput } from "@cairn/core";

export interface DatasetInputOptions {
  name: string;
  /** The data the digest is computed over: bytes, text, or rows (hashed as JSON). */
  data: Uint8Array | string | readonly unknown[];
  /** Where the data came from, e.g. a path or URL (stored as MLflow's `{"uri": …}` source). */
  source: string;
  /** MLflow's source types: "local", "http", "s3", "code", … Default: from the source. */
  sourceType?: string;
  /** `mlflow.data.context`: "training", "validation", "evaluation", … */
  context?: string;
  /** Column names and types, stored as MLflow's `mlflow_colspec` schema. */
  schema?: { name: string; type: string }[];
}

/**
 * A dataset input for `log-inputs` with a content digest (the first 8 hex digits of the
 * SHA-256 of the data, the length MLflow's digests have), so the same data logs as the same
 * dataset across runs. Browser-safe (WebCrypto).
 *
 * @example
 * await run.logInputs([await datasetInput({ name: "iris", data: rows, source: "data/iris.csv", context: "training" })]);
 */
export async function datasetInput(options: DatasetInputOptions): Promise<DatasetInput> {
  const bytes =
    options.data instanceof Uint8Array
      ? options.data
      : new TextEncoder().encode(typeof options.data === "string" ? options.data : JSON.stringify(options.data));
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes));
  const digest = Array.from(hash.subarray(0, 4), (byte) => byte.toString(16).padStart(2, "0")).join("");
  const sourceType = options.sourceType ?? (/^https?:/.test(options.source) ? "http" : /^s3:/.test(options.source) ? "s3" : "local");
  const dataset: DatasetInput["dataset"] = {
    name: options.name,
    digest,
    source_type: sourceType,
    source: JSON.stringify({ uri: options.source }),
  };
  if (options.schema) dataset.schema = JSON.stringify({ mlflow_colspec: options.schema });
  if (Array.isArray(options.data)) dataset.profile = JSON.stringify({ num_rows: options.data.length });
  return { dataset, tags: options.context ? [{ key: "mlflow.data.context", value: options.context }] : [] };
}
