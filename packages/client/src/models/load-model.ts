import { CairnError } from "@cairn/core";
import type { Backend } from "../backend/backend.js";
import { parseMlModel } from "./mlmodel.js";
import { parseModelUri } from "./model-uri.js";
import { tfjsLoadHandler } from "./tfjs-flavor.js";

/** Where a model directory lives: an artifact URI and a path below it. */
export interface ModelLocation {
  artifactUri: string;
  path: string;
}

/**
 * Resolves `models:/name@alias`, `models:/name/<version>` or `runs:/<id>/<path>` to the model
 * directory's location.
 *
 * @example
 * await resolveModelUri(cairn.backend, "models:/fraud@champion");
 */
export async function resolveModelUri(backend: Backend, uri: string): Promise<ModelLocation> {
  const parsed = parseModelUri(uri);
  switch (parsed.kind) {
    case "alias": {
      const version = await backend.registry.getModelVersionByAlias(parsed.name, parsed.alias);
      return { artifactUri: await backend.registry.getModelVersionDownloadUri(parsed.name, version.version), path: "" };
    }
    case "version":
      return { artifactUri: await backend.registry.getModelVersionDownloadUri(parsed.name, parsed.version), path: "" };
    case "run": {
      const run = await backend.tracking.getRun(parsed.runId);
      return { artifactUri: run.info.artifact_uri, path: parsed.path };
    }
    default:
      throw new CairnError("INVALID_PARAMETER_VALUE", `Unsupported model URI ${uri}`);
  }
}

/** The MLmodel document of a model URI. */
export async function readMlModel(backend: Backend, uri: string): Promise<{ location: ModelLocation; mlmodel: Record<string, unknown> }> {
  const location = await resolveModelUri(backend, uri);
  const bytes = await backend.artifacts.download(location.artifactUri, join(location.path, "MLmodel"));
  return { location, mlmodel: parseMlModel(new TextDecoder().decode(bytes)) };
}

/**
 * Loads a logged model by URI with the runtime its flavor needs: an `onnx` flavor gives an
 * onnxruntime-node `InferenceSession`, a `tfjs` flavor a TF.js `LayersModel`. Both runtimes are
 * optional peer dependencies, imported only here.
 *
 * @example
 * const session = await loadModel<InferenceSession>(cairn.backend, "models:/fraud@champion");
 * const out = await session.run({ x: new ort.Tensor("float32", [1, 2], [1, 2]) });
 */
export async function loadModel<T = unknown>(backend: Backend, uri: string): Promise<T> {
  const { location, mlmodel } = await readMlModel(backend, uri);
  const flavors = (mlmodel["flavors"] ?? {}) as Record<string, Record<string, unknown>>;
  const read = (path: string) => backend.artifacts.download(location.artifactUri, join(location.path, path));
  const onnx = flavors["onnx"];
  if (onnx) {
    const ort = (await importOptional("onnxruntime-node")) as { InferenceSession: { create(bytes: Uint8Array): Promise<unknown> } };
    return (await ort.InferenceSession.create(await read(String(onnx["data"] ?? "model.onnx")))) as T;
  }
  const tfjs = flavors["tfjs"];
  if (tfjs) {
    const tf = (await importOptional("@tensorflow/tfjs")) as { loadLayersModel(handler: unknown): Promise<unknown> };
    const dir = String(tfjs["data"] ?? "tfjs-model");
    return (await tf.loadLayersModel(tfjsLoadHandler((file) => read(join(dir, file))))) as T;
  }
  throw new CairnError(
    "INVALID_PARAMETER_VALUE",
    `The model at ${uri} has no flavor the SDK can load (found: ${Object.keys(flavors).join(", ") || "none"}); onnx and tfjs are supported`,
  );
}

async function importOptional(specifier: string): Promise<unknown> {
  try {
    return await import(specifier);
  } catch (error) {
    throw new CairnError("INVALID_STATE", `Loading this model needs the optional package '${specifier}': npm install ${specifier}`, {
      cause: error,
    });
  }
}

function join(base: string, path: string): string {
  return [base.replace(/\/+$/, ""), path.replace(/^\/+/, "")].filter(Boolean).join("/");
}
