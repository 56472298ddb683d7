// Log an ONNX model, register it, point the "champion" alias at it, then load it back by
// alias and predict with onnxruntime-node.
//
//   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 node examples/onnx-registry.mjs
import { createCairn } from "@cairn/client";
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";

const { onnx } = onnxProto;

/** y = x·[[1],[2]] + 0.5, built in code (a real exporter such as torch.onnx gives the same bytes shape). */
function linearModel() {
  const float = onnx.TensorProto.DataType.FLOAT;
  const info = (name, dims) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: float,
          shape: { dim: dims.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) },
        },
      },
    });
  const graph = onnx.GraphProto.create({
    name: "linear",
    node: [
      onnx.NodeProto.create({ opType: "MatMul", input: ["x", "W"], output: ["xw"] }),
      onnx.NodeProto.create({ opType: "Add", input: ["xw", "b"], output: ["y"] }),
    ],
    initializer: [
      onnx.TensorProto.create({ name: "W", dims: [2, 1], dataType: float, floatData: [1, 2] }),
      onnx.TensorProto.create({ name: "b", dims: [1], dataType: float, floatData: [0.5] }),
    ],
    input: [info("x", ["N", 2])],
    output: [info("y", ["N", 1])],
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: 17 }], graph })).finish();
}

const cairn = await createCairn({ experiment: "onnx-registry" });
const run = await cairn.startRun({ name: "linear" });
await run.logModel(linearModel(), "model");
await run.end();

const version = await cairn.registerModel(run, "linear-regressor", { alias: "champion" });
console.log(`registered linear-regressor version ${version.version} as @champion`);

const session = await cairn.loadModel("models:/linear-regressor@champion");
const output = await session.run({ x: new ort.Tensor("float32", Float32Array.from([1, 2, 3, 4]), [2, 2]) });
console.log(`predictions: ${Array.from(output.y.data).join(", ")}`);
await cairn.close();
