import { MLFLOW_VERSION } from "./mlmodel.js";
import { encodeText, type FlavorOutput } from "./model-files.js";

/** The `onnx` package version written into the flavor and the Python environment files. */
const ONNX_VERSION = "1.17.0";
const PYTHON_VERSION = "3.11.9";

/**
 * An ONNX model laid out as `mlflow.onnx.save_model` does, so Python's `mlflow.onnx.load_model`
 * and `mlflow.pyfunc.load_model` open it: `model.onnx`, an `onnx` flavor, a `python_function`
 * flavor with `loader_module: mlflow.onnx`, and the environment files pyfunc serving reads.
 *
 * @example
 * const { files, flavors } = onnxFlavor(modelBytes);
 */
export function onnxFlavor(model: Uint8Array): FlavorOutput {
  const requirements = `mlflow==${MLFLOW_VERSION}\nonnx==${ONNX_VERSION}\nonnxruntime\n`;
  const conda = [
    "channels:",
    "- conda-forge",
    "dependencies:",
    `- python=${PYTHON_VERSION}`,
    "- pip<=24.0",
    "- pip:",
    ...requirements
      .trim()
      .split("\n")
      .map((line) => `  - ${line}`),
    "name: mlflow-env",
    "",
  ].join("\n");
  const pythonEnv = [`python: ${PYTHON_VERSION}`, "build_dependencies:", "- pip", "dependencies:", "- -r requirements.txt", ""].join("\n");
  return {
    files: [
      { path: "model.onnx", bytes: model },
      { path: "requirements.txt", bytes: encodeText(requirements) },
      { path: "conda.yaml", bytes: encodeText(conda) },
      { path: "python_env.yaml", bytes: encodeText(pythonEnv) },
    ],
    flavors: {
      onnx: {
        code: null,
        data: "model.onnx",
        onnx_version: ONNX_VERSION,
        providers: ["CUDAExecutionProvider", "CPUExecutionProvider"],
      },
      python_function: {
        data: "model.onnx",
        env: { conda: "conda.yaml", virtualenv: "python_env.yaml" },
        loader_module: "mlflow.onnx",
        python_version: PYTHON_VERSION,
      },
    },
  };
}
