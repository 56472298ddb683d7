import {
  type LoggedModelDatasetFilter,
  type LoggedModelOrderBy,
  type LoggedModelStatus,
  type Param,
  validateArtifactPath,
} from "@cairn/core";
import type { Handler } from "./handler.js";
import { keyValues } from "./key-values.js";
import { loggedModelsOf } from "./logged-model-context.js";
import { s } from "./registry-context.js";

type Json = Record<string, unknown>;

/** Logged-model endpoints (mlflow-wire.md §1.6). Path parameters arrive as request fields. */
export const loggedModelHandlers = {
  async createLoggedModel(ctx, req) {
    const model = await loggedModelsOf(ctx).createLoggedModel({
      experimentId: req["experiment_id"] as string,
      ...(s(req["name"]) !== undefined ? { name: s(req["name"]) } : {}),
      ...(s(req["model_type"]) ? { modelType: s(req["model_type"]) } : {}),
      ...(s(req["source_run_id"]) ? { sourceRunId: s(req["source_run_id"]) } : {}),
      params: keyValues(req["params"]) as Param[],
      tags: keyValues(req["tags"]),
    });
    return { model };
  },
  async getLoggedModel(ctx, req) {
    return { model: await loggedModelsOf(ctx).getLoggedModel(req["model_id"] as string) };
  },
  async finalizeLoggedModel(ctx, req) {
    return { model: await loggedModelsOf(ctx).finalizeLoggedModel(req["model_id"] as string, req["status"] as LoggedModelStatus) };
  },
  async deleteLoggedModel(ctx, req) {
    await loggedModelsOf(ctx).deleteLoggedModel(req["model_id"] as string);
    return {};
  },
  async searchLoggedModels(ctx, req) {
    const page = await loggedModelsOf(ctx).searchLoggedModels({
      experimentIds: (req["experiment_ids"] as string[] | undefined) ?? [],
      ...(s(req["filter"]) ? { filter: s(req["filter"]) } : {}),
      datasets: ((req["datasets"] as Json[] | undefined) ?? []).map((dataset) => {
        const filter: LoggedModelDatasetFilter = { dataset_name: s(dataset["dataset_name"]) ?? "" };
        if (s(dataset["dataset_digest"])) filter.dataset_digest = s(dataset["dataset_digest"]);
        return filter;
      }),
      // The proto's default; the Python client always sends one.
      maxResults: (req["max_results"] as number | undefined) ?? 50,
      orderBy: ((req["order_by"] as Json[] | undefined) ?? []).map((order) => {
        const entry: LoggedModelOrderBy = { field_name: s(order["field_name"]) ?? "", ascending: order["ascending"] !== false };
        if (s(order["dataset_name"])) entry.dataset_name = s(order["dataset_name"]);
        if (s(order["dataset_digest"])) entry.dataset_digest = s(order["dataset_digest"]);
        return entry;
      }),
      ...(s(req["page_token"]) ? { pageToken: s(req["page_token"]) } : {}),
    });
    return { models: page.items, next_page_token: page.next_page_token };
  },
  async setLoggedModelTags(ctx, req) {
    await loggedModelsOf(ctx).setLoggedModelTags(req["model_id"] as string, keyValues(req["tags"]));
    return {};
  },
  async deleteLoggedModelTag(ctx, req) {
    await loggedModelsOf(ctx).deleteLoggedModelTag(req["model_id"] as string, req["tag_key"] as string);
    return {};
  },
  async logLoggedModelParams(ctx, req) {
    await loggedModelsOf(ctx).logLoggedModelParams(req["model_id"] as string, keyValues(req["params"]));
    return {};
  },
  async listLoggedModelArtifacts(ctx, req) {
    // The path is checked before the model is looked up, as MLflow's validate_path_is_safe runs first.
    const path = validateArtifactPath(s(req["artifact_directory_path"]) ?? "");
    const model = await loggedModelsOf(ctx).getLoggedModel(req["model_id"] as string);
    const files = await ctx.artifacts.listRunArtifacts(model.info.artifact_uri, path);
    return { root_uri: model.info.artifact_uri, files };
  },
} satisfies Record<string, Handler>;
