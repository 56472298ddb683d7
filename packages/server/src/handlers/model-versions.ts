import type { Handler } from "./handler.js";
import { keyValues } from "./key-values.js";
import { registryOf, s } from "./registry-context.js";

/** Model-version endpoints (mlflow-wire.md §1.3). */
export const modelVersionHandlers = {
  async createModelVersion(ctx, req) {
    const version = await registryOf(ctx).createModelVersion({
      name: req["name"] as string,
      source: req["source"] as string,
      ...(s(req["run_id"]) ? { runId: s(req["run_id"]) } : {}),
      tags: keyValues(req["tags"]),
      ...(s(req["run_link"]) ? { runLink: s(req["run_link"]) } : {}),
      ...(s(req["description"]) !== undefined ? { description: s(req["description"]) } : {}),
      ...(s(req["model_id"]) ? { modelId: s(req["model_id"]) } : {}),
    });
    return { model_version: version };
  },
  async updateModelVersion(ctx, req) {
    const version = await registryOf(ctx).updateModelVersion(req["name"] as string, req["version"] as string, s(req["description"]) ?? "");
    return { model_version: version };
  },
  async transitionModelVersionStage(ctx, req) {
    const version = await registryOf(ctx).transitionModelVersionStage(
      req["name"] as string,
      req["version"] as string,
      req["stage"] as string,
      req["archive_existing_versions"] === true,
    );
    return { model_version: version };
  },
  async deleteModelVersion(ctx, req) {
    await registryOf(ctx).deleteModelVersion(req["name"] as string, req["version"] as string);
    return {};
  },
  async getModelVersion(ctx, req) {
    return { model_version: await registryOf(ctx).getModelVersion(req["name"] as string, req["version"] as string) };
  },
  async searchModelVersions(ctx, req) {
    const page = await registryOf(ctx).searchModelVersions({
      ...(s(req["filter"]) ? { filter: s(req["filter"]) } : {}),
      // The store default (the proto says 200 000); at most 200 000.
      maxResults: (req["max_results"] as number | undefined) ?? 10_000,
      orderBy: (req["order_by"] as string[] | undefined) ?? [],
      ...(s(req["page_token"]) ? { pageToken: s(req["page_token"]) } : {}),
    });
    return { model_versions: page.items, next_page_token: page.next_page_token };
  },
  async getModelVersionDownloadUri(ctx, req) {
    return { artifact_uri: await registryOf(ctx).getModelVersionDownloadUri(req["name"] as string, req["version"] as string) };
  },
  async setModelVersionTag(ctx, req) {
    await registryOf(ctx).setModelVersionTag(req["name"] as string, req["version"] as string, {
      key: req["key"] as string,
      value: s(req["value"]) ?? "",
    });
    return {};
  },
  async deleteModelVersionTag(ctx, req) {
    await registryOf(ctx).deleteModelVersionTag(req["name"] as string, req["version"] as string, req["key"] as string);
    return {};
  },
} satisfies Record<string, Handler>;
