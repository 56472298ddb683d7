import { CairnError, type Experiment, type ViewType } from "@cairn/core";
import type { Handler } from "./handler.js";
import { keyValues } from "./key-values.js";

const s = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function searchExperiments(maxResultsDefault?: number): Handler {
  return async ({ store }, req) => {
    const page = await store.searchExperiments({
      viewType: (req["view_type"] as ViewType | undefined) ?? "ACTIVE_ONLY",
      // Over REST an absent max_results reaches MLflow's store as 0 and is refused.
      maxResults: (req["max_results"] as number | undefined) ?? maxResultsDefault ?? 0,
      ...(s(req["filter"]) ? { filter: s(req["filter"]) } : {}),
      orderBy: (req["order_by"] as string[] | undefined) ?? [],
      ...(s(req["page_token"]) ? { pageToken: s(req["page_token"]) } : {}),
    });
    return { experiments: page.items, next_page_token: page.next_page_token };
  };
}

export const experimentHandlers = {
  async createExperiment({ store }, req) {
    const experimentId = await store.createExperiment({
      name: req["name"] as string,
      ...(s(req["artifact_location"]) ? { artifactLocation: s(req["artifact_location"]) } : {}),
      tags: keyValues(req["tags"]),
    });
    return { experiment_id: experimentId };
  },
  searchExperiments: searchExperiments(),
  // The legacy list call (npm `mlflow` client) had no max_results requirement.
  listExperiments: searchExperiments(50_000),
  async getExperiment({ store }, req) {
    return { experiment: await store.getExperiment(req["experiment_id"] as string) };
  },
  async getExperimentByName({ store }, req) {
    const name = req["experiment_name"] as string;
    const experiment: Experiment | null = await store.getExperimentByName(name);
    if (!experiment) throw new CairnError("RESOURCE_DOES_NOT_EXIST", `Could not find experiment with name '${name}'`);
    return { experiment };
  },
  async deleteExperiment({ store }, req) {
    await store.deleteExperiment(req["experiment_id"] as string);
    return {};
  },
  async restoreExperiment({ store }, req) {
    await store.restoreExperiment(req["experiment_id"] as string);
    return {};
  },
  async updateExperiment({ store }, req) {
    await store.renameExperiment(req["experiment_id"] as string, req["new_name"] as string);
    return {};
  },
  async setExperimentTag({ store }, req) {
    await store.setExperimentTag(req["experiment_id"] as string, {
      key: req["key"] as string,
      value: s(req["value"]) ?? "",
    });
    return {};
  },
  async deleteExperimentTag({ store }, req) {
    await store.deleteExperimentTag(req["experiment_id"] as string, req["key"] as string);
    return {};
  },
  async searchDatasets({ store }, req) {
    return { dataset_summaries: await store.searchDatasets((req["experiment_ids"] as string[] | undefined) ?? []) };
  },
} satisfies Record<string, Handler>;
