import { CairnError } from "@cairn/core";
import type { ActiveRun } from "../run/active-run.js";
import { randomHex } from "../run/random-hex.js";
import { mlModel, mlModelYaml } from "./mlmodel.js";
import type { FlavorOutput } from "./model-files.js";
import { onnxFlavor } from "./onnx-flavor.js";
import { type TfjsSavable, tfjsFlavor } from "./tfjs-flavor.js";

/** An ONNX model (its bytes, or `{ onnx: bytes }`) or a TF.js model (anything with `save(handler)`). */
export type LoggableModel = Uint8Array | { onnx: Uint8Array } | TfjsSavable;

export interface LogModelOptions {
  /** MLflow model signature: `{ inputs, outputs }` as column or tensor specs. */
  signature?: { inputs?: unknown; outputs?: unknown; params?: unknown };
}

export interface LoggedModel {
  artifactPath: string;
  /** `runs:/<run id>/<artifact path>` (the local run id while the run was started offline). */
  modelUri: string;
  flavors: string[];
  /** The MLmodel document as logged. */
  mlmodel: Record<string, unknown>;
}

/**
 * Writes an MLflow model directory under the run's artifacts (mlflow-wire.md §7): the flavor's
 * files, then `MLmodel`, then records the model in the run's `mlflow.log-model.history` tag.
 * Uploads go through the run's queue, so they survive an outage like any other entry.
 *
 * @example
 * const logged = await logModel(run, onnxBytes, "model");
 * logged.modelUri; // "runs:/<run id>/model"
 */
export async function logModel(
  run: ActiveRun,
  model: LoggableModel,
  artifactPath = "model",
  options: LogModelOptions = {},
): Promise<LoggedModel> {
  const path = artifactPath.replace(/^\/+|\/+$/g, "");
  if (!path) throw new CairnError("INVALID_PARAMETER_VALUE", "logModel needs a non-empty artifact path");
  const flavor = await flavorOf(model);
  const sizeBytes = flavor.files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
  const doc = mlModel({
    artifactPath: path,
    flavors: flavor.flavors,
    modelUuid: randomHex(),
    runId: run.artifactUri ? run.id : undefined,
    signature: options.signature,
    sizeBytes,
  });
  for (const file of flavor.files) {
    const slash = file.path.lastIndexOf("/");
    const dir = slash < 0 ? path : `${path}/${file.path.slice(0, slash)}`;
    await run.logArtifact(file.bytes, { dir, name: file.path.slice(slash + 1) });
  }
  // MLmodel last: a reader that finds it finds the whole model.
  await run.logArtifact(new TextEncoder().encode(mlModelYaml(doc)), { dir: path, name: "MLmodel" });
  await run.recordLoggedModel(doc);
  return { artifactPath: path, modelUri: `runs:/${run.id}/${path}`, flavors: Object.keys(flavor.flavors), mlmodel: doc };
}

async function flavorOf(model: LoggableModel): Promise<FlavorOutput> {
  if (model instanceof Uint8Array) return onnxFlavor(model);
  if ("onnx" in model && model.onnx instanceof Uint8Array) return onnxFlavor(model.onnx);
  if ("save" in model && typeof model.save === "function") return tfjsFlavor(model);
  throw new CairnError("INVALID_PARAMETER_VALUE", "logModel takes ONNX bytes, { onnx: bytes } or a TF.js model");
}
