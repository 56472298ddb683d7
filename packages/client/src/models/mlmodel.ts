import { parse, stringify } from "yaml";

/** The MLflow version Cairn's wire contract follows; written as `mlflow_version`. */
export const MLFLOW_VERSION = "2.17.0";

export interface MlModelInput {
  artifactPath: string;
  flavors: Record<string, Record<string, unknown>>;
  runId?: string;
  modelUuid: string;
  /** `{ inputs, outputs }` column or tensor specs; each is stored as a JSON string, as MLflow does. */
  signature?: { inputs?: unknown; outputs?: unknown; params?: unknown };
  sizeBytes?: number;
  createdAt?: Date;
}

/**
 * The `MLmodel` document (mlflow-wire.md §7.1) as an object: what `runs/log-model` takes as
 * JSON and what the YAML file holds.
 *
 * @example
 * mlModel({ artifactPath: "model", flavors: { onnx: { data: "model.onnx" } }, modelUuid: "…" });
 */
export function mlModel(input: MlModelInput): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    artifact_path: input.artifactPath,
    flavors: input.flavors,
    mlflow_version: MLFLOW_VERSION,
    model_uuid: input.modelUuid,
    utc_time_created: pythonUtcTime(input.createdAt ?? new Date()),
  };
  if (input.runId) doc["run_id"] = input.runId;
  if (input.sizeBytes !== undefined) doc["model_size_bytes"] = input.sizeBytes;
  if (input.signature) {
    const signature: Record<string, string> = {};
    for (const key of ["inputs", "outputs", "params"] as const) {
      if (input.signature[key] !== undefined) signature[key] = JSON.stringify(input.signature[key]);
    }
    doc["signature"] = signature;
  }
  return doc;
}

/** MLmodel as YAML, keys sorted like PyYAML's `safe_dump` does. */
export function mlModelYaml(doc: Record<string, unknown>): string {
  return stringify(doc, { sortMapEntries: true, lineWidth: 0 });
}

/** Reads an MLmodel file (any YAML MLflow writes). */
export function parseMlModel(text: string): Record<string, unknown> {
  const parsed = parse(text) as unknown;
  if (!parsed || typeof parsed !== "object") throw new Error("MLmodel is not a YAML mapping");
  return parsed as Record<string, unknown>;
}

/** `datetime.utcnow()` as MLflow writes it: `2024-05-01 12:00:00.123000`. */
function pythonUtcTime(date: Date): string {
  return `${date.toISOString().replace("T", " ").replace("Z", "")}000`;
}
