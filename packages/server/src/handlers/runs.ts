import {
  CairnError,
  type DatasetInput,
  type Metric,
  type ModelInput,
  type ModelOutput,
  type Param,
  type RunStatus,
  type ViewType,
} from "@cairn/core";
import type { Handler } from "./handler.js";
import { keyValues } from "./key-values.js";
import { loggedModelsOf } from "./logged-model-context.js";

const s = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const runIdOf = (req: Record<string, unknown>): string => (s(req["run_id"]) || s(req["run_uuid"])) ?? "";

/** The MLflow 3 fields of a metric (model and dataset), set only when given. */
function metricLinks(source: Record<string, unknown>): Pick<Metric, "model_id" | "dataset_name" | "dataset_digest"> {
  const links: Pick<Metric, "model_id" | "dataset_name" | "dataset_digest"> = {};
  if (s(source["model_id"])) links.model_id = s(source["model_id"]);
  if (s(source["dataset_name"])) links.dataset_name = s(source["dataset_name"]);
  if (s(source["dataset_digest"])) links.dataset_digest = s(source["dataset_digest"]);
  return links;
}

export const runHandlers = {
  async createRun({ store }, req) {
    const run = await store.createRun({
      // MLflow treats a missing experiment_id as the Default experiment.
      experimentId: s(req["experiment_id"]) || "0",
      ...(s(req["user_id"]) !== undefined ? { userId: s(req["user_id"]) } : {}),
      ...(s(req["run_name"]) ? { runName: s(req["run_name"]) } : {}),
      ...(typeof req["start_time"] === "number" ? { startTime: req["start_time"] } : {}),
      tags: keyValues(req["tags"]),
    });
    return { run };
  },
  async updateRun({ store }, req) {
    const runInfo = await store.updateRun(runIdOf(req), {
      ...(req["status"] !== undefined ? { status: req["status"] as RunStatus } : {}),
      ...(typeof req["end_time"] === "number" ? { endTime: req["end_time"] } : {}),
      ...(s(req["run_name"]) ? { runName: s(req["run_name"]) } : {}),
    });
    return { run_info: runInfo };
  },
  async deleteRun({ store }, req) {
    await store.deleteRun(runIdOf(req));
    return {};
  },
  async restoreRun({ store }, req) {
    await store.restoreRun(runIdOf(req));
    return {};
  },
  async getRun({ store }, req) {
    return { run: await store.getRun(runIdOf(req)) };
  },
  async searchRuns({ store }, req) {
    const page = await store.searchRuns({
      experimentIds: (req["experiment_ids"] as string[] | undefined) ?? [],
      ...(s(req["filter"]) ? { filter: s(req["filter"]) } : {}),
      runViewType: (req["run_view_type"] as ViewType | undefined) ?? "ACTIVE_ONLY",
      maxResults: (req["max_results"] as number | undefined) ?? 1000,
      orderBy: (req["order_by"] as string[] | undefined) ?? [],
      ...(s(req["page_token"]) ? { pageToken: s(req["page_token"]) } : {}),
    });
    return { runs: page.items, next_page_token: page.next_page_token };
  },
  async logMetric({ store }, req) {
    const metric: Metric = {
      key: req["key"] as string,
      value: req["value"] as number,
      timestamp: req["timestamp"] as number,
      step: (req["step"] as number | undefined) ?? 0,
      ...metricLinks(req),
    };
    await store.logBatch(runIdOf(req), { metrics: [metric] });
    return {};
  },
  async logParam({ store }, req) {
    await store.logBatch(runIdOf(req), { params: [{ key: req["key"] as string, value: s(req["value"]) ?? "" }] });
    return {};
  },
  async setTag({ store }, req) {
    await store.logBatch(runIdOf(req), { tags: [{ key: req["key"] as string, value: s(req["value"]) ?? "" }] });
    return {};
  },
  async deleteTag({ store }, req) {
    await store.deleteTag(runIdOf(req), req["key"] as string);
    return {};
  },
  async logBatch({ store }, req) {
    const metrics = ((req["metrics"] as Array<Record<string, unknown>> | undefined) ?? []).map((m, index) => {
      for (const field of ["key", "value", "timestamp"]) {
        if (m[field] === undefined || m[field] === "") {
          throw new CairnError(
            "INVALID_PARAMETER_VALUE",
            `Missing value for required parameter 'metrics[${index}].${field}'. See the API docs for more information about request parameters.`,
          );
        }
      }
      return { key: m["key"], value: m["value"], timestamp: m["timestamp"], step: m["step"] ?? 0, ...metricLinks(m) } as Metric;
    });
    // log-batch names a missing key by its index, as MLflow's batch validation does.
    const batchKeyValues = (field: string) =>
      ((req[field] as Array<Record<string, unknown>> | undefined) ?? []).map((kv, index) => {
        if (kv["key"] === undefined || kv["key"] === "") {
          throw new CairnError(
            "INVALID_PARAMETER_VALUE",
            `Missing value for required parameter '${field}[${index}].key'. See the API docs for more information about request parameters.`,
          );
        }
        return { key: kv["key"], value: s(kv["value"]) ?? "" } as Param;
      });
    await store.logBatch(runIdOf(req), { metrics, params: batchKeyValues("params"), tags: batchKeyValues("tags") });
    return {};
  },
  async logModel({ store }, req) {
    let model: unknown;
    try {
      model = JSON.parse(req["model_json"] as string);
    } catch {
      throw new CairnError("INVALID_PARAMETER_VALUE", "Malformed model info. \n model_json is not valid JSON.");
    }
    if (typeof model !== "object" || model === null || Array.isArray(model)) {
      throw new CairnError("INVALID_PARAMETER_VALUE", "Malformed model info. \n model_json must be a JSON object.");
    }
    await store.recordLoggedModel(runIdOf(req), model as Record<string, unknown>);
    return {};
  },
  async logInputs({ store }, req) {
    const datasets = ((req["datasets"] as Array<Record<string, unknown>> | undefined) ?? []).map((input) => {
      const dataset = (input["dataset"] ?? {}) as Record<string, string>;
      for (const field of ["name", "digest", "source_type", "source"]) {
        if (!dataset[field]) {
          throw new CairnError(
            "INVALID_PARAMETER_VALUE",
            `Missing value for required parameter 'datasets.dataset.${field}'. See the API docs for more information about request parameters.`,
          );
        }
      }
      return { dataset, tags: keyValues(input["tags"]) } as unknown as DatasetInput;
    });
    const models: ModelInput[] = ((req["models"] as Array<Record<string, unknown>> | undefined) ?? []).map((model) => ({
      model_id: s(model["model_id"]) ?? "",
    }));
    await store.logInputs(runIdOf(req), datasets, models);
    return {};
  },
  async logOutputs(ctx, req) {
    const models: ModelOutput[] = ((req["models"] as Array<Record<string, unknown>> | undefined) ?? []).map((model, index) => {
      for (const field of ["model_id", "step"]) {
        if (model[field] === undefined || model[field] === "") {
          throw new CairnError(
            "INVALID_PARAMETER_VALUE",
            `Missing value for required parameter 'models[${index}].${field}'. See the API docs for more information about request parameters.`,
          );
        }
      }
      return { model_id: model["model_id"] as string, step: model["step"] as number };
    });
    await loggedModelsOf(ctx).logOutputs(runIdOf(req), models);
    return {};
  },
} satisfies Record<string, Handler>;
