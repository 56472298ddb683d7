import type { Handler } from "./handler.js";
import { keyValues } from "./key-values.js";
import { registryOf, s } from "./registry-context.js";

/** Registered-model endpoints (mlflow-wire.md §1.3). The handler parsed and required the fields already. */
export const registeredModelHandlers = {
  async createRegisteredModel(ctx, req) {
    const model = await registryOf(ctx).createRegisteredModel({
      name: req["name"] as string,
      tags: keyValues(req["tags"]),
      ...(s(req["description"]) !== undefined ? { description: s(req["description"]) } : {}),
    });
    return { registered_model: model };
  },
  async renameRegisteredModel(ctx, req) {
    return { registered_model: await registryOf(ctx).renameRegisteredModel(req["name"] as string, s(req["new_name"]) ?? "") };
  },
  async updateRegisteredModel(ctx, req) {
    return { registered_model: await registryOf(ctx).updateRegisteredModel(req["name"] as string, s(req["description"]) ?? "") };
  },
  async deleteRegisteredModel(ctx, req) {
    await registryOf(ctx).deleteRegisteredModel(req["name"] as string);
    return {};
  },
  async getRegisteredModel(ctx, req) {
    return { registered_model: await registryOf(ctx).getRegisteredModel(req["name"] as string) };
  },
  async searchRegisteredModels(ctx, req) {
    const page = await registryOf(ctx).searchRegisteredModels({
      ...(s(req["filter"]) ? { filter: s(req["filter"]) } : {}),
      // MLflow's store default; at most 1000.
      maxResults: (req["max_results"] as number | undefined) ?? 100,
      orderBy: (req["order_by"] as string[] | undefined) ?? [],
      ...(s(req["page_token"]) ? { pageToken: s(req["page_token"]) } : {}),
    });
    return { registered_models: page.items, next_page_token: page.next_page_token };
  },
  async getLatestVersions(ctx, req) {
    const stages = (req["stages"] as string[] | undefined) ?? [];
    return { model_versions: await registryOf(ctx).getLatestVersions(req["name"] as string, stages) };
  },
  async setRegisteredModelTag(ctx, req) {
    await registryOf(ctx).setRegisteredModelTag(req["name"] as string, { key: req["key"] as string, value: s(req["value"]) ?? "" });
    return {};
  },
  async deleteRegisteredModelTag(ctx, req) {
    await registryOf(ctx).deleteRegisteredModelTag(req["name"] as string, req["key"] as string);
    return {};
  },
  async setRegisteredModelAlias(ctx, req) {
    await registryOf(ctx).setRegisteredModelAlias(req["name"] as string, req["alias"] as string, req["version"] as string);
    return {};
  },
  async deleteRegisteredModelAlias(ctx, req) {
    await registryOf(ctx).deleteRegisteredModelAlias(req["name"] as string, req["alias"] as string);
    return {};
  },
  async getModelVersionByAlias(ctx, req) {
    return { model_version: await registryOf(ctx).getModelVersionByAlias(req["name"] as string, req["alias"] as string) };
  },
} satisfies Record<string, Handler>;
