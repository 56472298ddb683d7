import { encodeText, type FlavorOutput, type ModelFile } from "./model-files.js";

/** The folder of a TF.js model inside the MLflow model directory. */
export const TFJS_DATA_DIR = "tfjs-model";
/** Weight shards are cut at 4 MiB, like `tf.io.browserDownloads` and the Python converter. */
const SHARD_BYTES = 4 * 1024 * 1024;

/** The parts of TF.js's `ModelArtifacts` this flavor reads and writes (structural, so TF.js stays an optional peer). */
export interface TfjsModelArtifacts {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightSpecs?: unknown[];
  weightData?: ArrayBuffer | ArrayBuffer[];
  trainingConfig?: unknown;
  signature?: unknown;
  userDefinedMetadata?: unknown;
  modelInitializer?: unknown;
}

/** A TF.js `tf.io.IOHandler` (the save half). */
export interface TfjsSaveHandler {
  save(artifacts: TfjsModelArtifacts): Promise<{ modelArtifactsInfo: Record<string, unknown> }>;
}

/** Anything with TF.js's `model.save(handler)`, e.g. a `tf.LayersModel`. */
export interface TfjsSavable {
  save(handler: TfjsSaveHandler): Promise<unknown>;
}

/**
 * Saves a TF.js model through a custom `tf.io` IOHandler into the layout `tf.loadLayersModel`
 * reads: `tfjs-model/model.json` (topology and weights manifest) and `group1-shard<i>of<n>.bin`
 * weight shards, plus a `tfjs` flavor in MLmodel.
 *
 * @example
 * const { files, flavors } = await tfjsFlavor(model);
 */
export async function tfjsFlavor(model: TfjsSavable, options: { tfjsVersion?: string } = {}): Promise<FlavorOutput> {
  let captured: TfjsModelArtifacts | undefined;
  await model.save({
    async save(artifacts) {
      captured = artifacts;
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology ?? null).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weightBytes(artifacts.weightData).byteLength,
        },
      };
    },
  });
  if (!captured) throw new Error("the model did not call the save handler");
  const weights = weightBytes(captured.weightData);
  const shardCount = Math.max(1, Math.ceil(weights.byteLength / SHARD_BYTES));
  const files: ModelFile[] = [];
  const paths: string[] = [];
  for (let index = 0; index < shardCount; index += 1) {
    const name = `group1-shard${index + 1}of${shardCount}.bin`;
    paths.push(name);
    files.push({ path: `${TFJS_DATA_DIR}/${name}`, bytes: weights.subarray(index * SHARD_BYTES, (index + 1) * SHARD_BYTES) });
  }
  const modelJson: Record<string, unknown> = {
    modelTopology: captured.modelTopology,
    format: captured.format ?? "layers-model",
    generatedBy: captured.generatedBy,
    convertedBy: captured.convertedBy ?? null,
    weightsManifest: [{ paths, weights: captured.weightSpecs ?? [] }],
  };
  if (captured.trainingConfig !== undefined) modelJson["trainingConfig"] = captured.trainingConfig;
  if (captured.signature !== undefined) modelJson["signature"] = captured.signature;
  if (captured.userDefinedMetadata !== undefined) modelJson["userDefinedMetadata"] = captured.userDefinedMetadata;
  files.unshift({ path: `${TFJS_DATA_DIR}/model.json`, bytes: encodeText(JSON.stringify(modelJson)) });
  return {
    files,
    flavors: {
      tfjs: {
        data: TFJS_DATA_DIR,
        format: modelJson["format"],
        tfjs_version: options.tfjsVersion ?? captured.generatedBy ?? "unknown",
      },
    },
  };
}

/**
 * The load half of the IOHandler: reads `model.json` and its shards through `read` (an
 * artifact download) and hands TF.js the artifacts `tf.loadLayersModel` expects.
 */
export function tfjsLoadHandler(read: (path: string) => Promise<Uint8Array>): { load(): Promise<TfjsModelArtifacts> } {
  return {
    async load() {
      const modelJson = JSON.parse(new TextDecoder().decode(await read("model.json"))) as {
        modelTopology: unknown;
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        weightsManifest: { paths: string[]; weights: unknown[] }[];
        trainingConfig?: unknown;
        signature?: unknown;
        userDefinedMetadata?: unknown;
      };
      const specs: unknown[] = [];
      const shards: Uint8Array[] = [];
      for (const group of modelJson.weightsManifest) {
        specs.push(...group.weights);
        for (const shard of group.paths) shards.push(await read(shard));
      }
      const total = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
      const weights = new Uint8Array(total);
      let offset = 0;
      for (const shard of shards) {
        weights.set(shard, offset);
        offset += shard.byteLength;
      }
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs: specs,
        weightData: weights.buffer,
        trainingConfig: modelJson.trainingConfig,
        signature: modelJson.signature,
        userDefinedMetadata: modelJson.userDefinedMetadata,
      };
    },
  };
}

function weightBytes(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  if (!Array.isArray(data)) return new Uint8Array(data);
  const total = data.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of data) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out;
}
