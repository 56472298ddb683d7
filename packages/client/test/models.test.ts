import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Cairn, createCairn, MlflowConnector, parseMlModel } from "@cairn/client";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import * as tf from "@tensorflow/tfjs";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyOnnxModel } from "./tiny-onnx-model.js";

let server: TestServer;
let cairn: Cairn;
beforeAll(async () => {
  server = await startTestServer();
  cairn = await server.createCairn({ experiment: "models" });
});
afterAll(async () => server.close());

async function predict(session: ort.InferenceSession, rows: number[][]): Promise<number[]> {
  const input = new ort.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, 2]);
  const out = await session.run({ x: input });
  return Array.from(out["y"]!.data as Float32Array);
}

describe("ONNX models", () => {
  it("logs an MLflow model directory Python's mlflow.onnx and pyfunc can load", async () => {
    const run = await cairn.startRun({ name: "onnx" });
    const logged = await run.logModel(tinyOnnxModel(), "model", {
      signature: { inputs: [{ type: "tensor", "tensor-spec": { dtype: "float32", shape: [-1, 2] } }] },
    });
    await run.end();
    expect(logged.modelUri).toBe(`runs:/${run.id}/model`);
    const files = (await server.client.listArtifacts({ run_id: run.id, path: "model" })).files.map((file) => file.path).sort();
    expect(files).toEqual(["model/MLmodel", "model/conda.yaml", "model/model.onnx", "model/python_env.yaml", "model/requirements.txt"]);
    const mlmodel = parseMlModel(new TextDecoder().decode(await server.client.getArtifact({ run_id: run.id, path: "model/MLmodel" })));
    expect(mlmodel).toMatchObject({
      artifact_path: "model",
      run_id: run.id,
      flavors: {
        onnx: { data: "model.onnx", providers: ["CUDAExecutionProvider", "CPUExecutionProvider"] },
        python_function: { loader_module: "mlflow.onnx", data: "model.onnx", env: { conda: "conda.yaml", virtualenv: "python_env.yaml" } },
      },
    });
    expect(typeof (mlmodel["signature"] as Record<string, unknown>)["inputs"]).toBe("string");
    const history = (await server.client.getRun({ run_id: run.id })).run.data.tags.find((tag) => tag.key === "mlflow.log-model.history");
    expect(JSON.parse(history!.value)).toEqual([expect.objectContaining({ artifact_path: "model", run_id: run.id })]);
  });

  it("registers, aliases, and loads by alias, version and run URI into an InferenceSession that predicts", async () => {
    const run = await cairn.startRun({ name: "register" });
    await run.logModel(tinyOnnxModel());
    await run.end();
    const version = await cairn.registerModel(run, "linear", { alias: "champion" });
    expect(version).toMatchObject({ name: "linear", version: "1", source: `runs:/${run.id}/model`, aliases: ["champion"] });
    for (const uri of ["models:/linear@champion", "models:/linear/1", `runs:/${run.id}/model`]) {
      const session = await cairn.loadModel<ort.InferenceSession>(uri);
      expect(
        await predict(session, [
          [1, 2],
          [0, 0],
        ]),
      ).toEqual([5.5, 0.5]);
    }
    await expect(cairn.loadModel("models:/linear@nobody")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
  });

  it("works in-process too: log, register and load by alias with no server", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-models-local-"));
    const local = await createCairn({ trackingUri: `sqlite:///${path.join(dir, "cairn.db")}`, exitHooks: false });
    const run = await local.startRun({});
    await run.logModel({ onnx: tinyOnnxModel() }, "onnx-model");
    await run.end();
    await local.registerModel(run.id, "local-linear", { artifactPath: "onnx-model", alias: "prod" });
    const session = await local.loadModel<ort.InferenceSession>("models:/local-linear@prod");
    expect(await predict(session, [[2, 3]])).toEqual([8.5]);
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the MLflow-style connector creates, logs, logs a model and registers it", async () => {
    const mlflow = new MlflowConnector(cairn);
    const experimentId = await mlflow.createExperiment("connector", { team: "risk" });
    expect(await mlflow.createExperiment("connector")).toBe(experimentId);
    const runId = await mlflow.startRun(experimentId, "xgb-1");
    await mlflow.logParams(runId, { depth: 6 });
    await mlflow.logMetrics(runId, { auc: 0.91, loss: 0.2 }, 3);
    await mlflow.logModel(runId, tinyOnnxModel(), "model");
    const version = await mlflow.registerModel(runId, "connector-model");
    await mlflow.endRun(runId);
    expect(version.run_id).toBe(runId);
    const stored = (await server.client.getRun({ run_id: runId })).run;
    expect(stored.data.metrics.map((metric) => [metric.key, metric.value, metric.step]).sort()).toEqual([
      ["auc", 0.91, 3],
      ["loss", 0.2, 3],
    ]);
    expect(stored.data.params).toEqual(expect.arrayContaining([{ key: "depth", value: "6" }]));
  });
});

describe("TF.js models", () => {
  it("saves through a custom IOHandler and loads back a LayersModel that predicts the same", async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: "relu" }), tf.layers.dense({ units: 1 })],
    });
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    const expected = Array.from(await (model.predict(x) as tf.Tensor).data());
    const run = await cairn.startRun({ name: "tfjs" });
    await run.logModel(model, "tfjs");
    await run.end();
    const files = (await server.client.listArtifacts({ run_id: run.id, path: "tfjs/tfjs-model" })).files.map((file) => file.path).sort();
    expect(files).toEqual(["tfjs/tfjs-model/group1-shard1of1.bin", "tfjs/tfjs-model/model.json"]);
    await cairn.registerModel(run, "tfjs-model", { artifactPath: "tfjs", alias: "latest-good" });
    const loaded = await cairn.loadModel<tf.LayersModel>("models:/tfjs-model@latest-good");
    const actual = Array.from(await (loaded.predict(x) as tf.Tensor).data());
    expect(actual).toEqual(expected);
  });
});
