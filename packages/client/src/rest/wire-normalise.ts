import type {
  DatasetInput,
  Experiment,
  LoggedModel,
  Metric,
  MetricSeries,
  MetricSummary,
  ModelInput,
  ModelOutput,
  ModelVersion,
  RegisteredModel,
  Run,
} from "@cairn/core";
import { decodeDouble } from "./wire-codec.js";

type Json = Record<string, unknown>;

/**
 * MLflow omits empty lists and unset fields, and sends NaN/±Inf as strings; these turn wire
 * objects into core's entities, whose lists are always present and whose values are numbers.
 */
export function metricFromWire(metric: Json): Metric {
  return { ...(metric as unknown as Metric), value: decodeDouble(metric["value"]) };
}

/** A downsampled series: the wire omits empty columns and spells NaN/±Inf as strings. */
export function metricSeriesFromWire(series: Json): MetricSeries {
  return {
    ...(series as unknown as MetricSeries),
    steps: list(series["steps"]),
    timestamps: list(series["timestamps"]),
    values: list(series["values"]).map(decodeDouble),
  };
}

export function metricSummaryFromWire(summary: Json): MetricSummary {
  return { ...(summary as unknown as MetricSummary), value: decodeDouble(summary["value"]) };
}

export function experimentFromWire(experiment: Json): Experiment {
  return { ...(experiment as unknown as Experiment), tags: list(experiment["tags"]) };
}

export function runFromWire(run: Json): Run {
  const data = (run["data"] ?? {}) as Json;
  const inputs = (run["inputs"] ?? {}) as Json;
  const normalised: Run = {
    info: run["info"] as Run["info"],
    data: { metrics: list<Json>(data["metrics"]).map(metricFromWire), params: list(data["params"]), tags: list(data["tags"]) },
    inputs: {
      dataset_inputs: list<Json>(inputs["dataset_inputs"]).map((input) => ({
        ...(input as unknown as DatasetInput),
        tags: list(input["tags"]),
      })),
    },
  };
  // MLflow 3's model edges are present only when the run has some, as the stores give them.
  const modelInputs = list<ModelInput>(inputs["model_inputs"]);
  if (modelInputs.length > 0) normalised.inputs.model_inputs = modelInputs;
  const modelOutputs = list<ModelOutput>(((run["outputs"] ?? {}) as Json)["model_outputs"]);
  if (modelOutputs.length > 0) normalised.outputs = { model_outputs: modelOutputs };
  return normalised;
}

export function modelVersionFromWire(version: Json): ModelVersion {
  return { ...(version as unknown as ModelVersion), tags: list(version["tags"]), aliases: list(version["aliases"]) };
}

export function registeredModelFromWire(model: Json): RegisteredModel {
  return {
    ...(model as unknown as RegisteredModel),
    latest_versions: list<Json>(model["latest_versions"]).map(modelVersionFromWire),
    tags: list(model["tags"]),
    aliases: list(model["aliases"]),
  };
}

export function loggedModelFromWire(model: Json): LoggedModel {
  const info = (model["info"] ?? {}) as Json;
  const data = (model["data"] ?? {}) as Json;
  return {
    info: { ...(info as unknown as LoggedModel["info"]), tags: list(info["tags"]), registrations: list(info["registrations"]) },
    data: { params: list(data["params"]), metrics: list<Json>(data["metrics"]).map(metricFromWire) },
  };
}

export function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
