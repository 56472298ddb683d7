import { onnx } from "onnx-proto";

/**
 * A tiny linear model built in code (no npm package ships an .onnx file): y = x·W + b with
 * x: float32[N, 2], W = [[1], [2]], b = [0.5]; so y = x0 + 2·x1 + 0.5.
 */
export function tinyOnnxModel(): Uint8Array {
  const tensor = (name: string, dims: number[], values: number[]) =>
    onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values });
  const valueInfo = (name: string, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
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
    initializer: [tensor("W", [2, 1], [1, 2]), tensor("b", [1], [0.5])],
    input: [valueInfo("x", ["N", 2])],
    output: [valueInfo("y", ["N", 1])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: 17 }], producerName: "cairn-test", graph });
  return onnx.ModelProto.encode(model).finish();
}
