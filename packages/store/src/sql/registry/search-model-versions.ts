import {
  type ModelVersion,
  type PagedList,
  parseModelVersionFilter,
  parseModelVersionOrderByList,
  type SearchRegistryInput,
  STAGE_DELETED_INTERNAL,
} from "@cairn/core";
import { sql } from "kysely";
import { compareClause } from "../compare-clause.js";
import { fetchOffsetPage } from "../page-token.js";
import type { StoreContext } from "../store-context.js";
import { notPromptTagged, splitPromptClauses } from "./prompt-filter.js";
import { loadModelVersions } from "./registry-loader.js";

const COLUMNS: Record<string, string> = {
  name: "model_versions.name",
  run_id: "model_versions.run_id",
  source_path: "model_versions.source",
  version_number: "model_versions.version",
  creation_timestamp: "model_versions.creation_time",
  last_updated_timestamp: "model_versions.last_updated_time",
};

/**
 * search-model-versions (mlflow-wire.md §3.5). Soft-deleted versions never appear, nor do prompt
 * versions unless the filter asks for them (see splitPromptClauses); the tie-breakers are name
 * ascending, then version descending.
 */
export async function searchModelVersions(ctx: StoreContext, input: SearchRegistryInput): Promise<PagedList<ModelVersion>> {
  const { clauses, excludePrompts } = splitPromptClauses(parseModelVersionFilter(input.filter));
  const orderBy = parseModelVersionOrderByList(input.orderBy ?? []);
  const caps = ctx.conn.capabilities;
  let query = ctx.conn.reader
    .selectFrom("model_versions")
    .selectAll("model_versions")
    .where("model_versions.current_stage", "<>", STAGE_DELETED_INTERNAL);
  for (const clause of clauses) {
    query = query.where((eb) => {
      if (clause.type !== "tag") return compareClause(caps, sql.ref(COLUMNS[clause.key] ?? "model_versions.name"), clause);
      return eb.exists(
        eb
          .selectFrom("model_version_tags as t")
          .select(sql.lit(1).as("one"))
          .whereRef("t.name", "=", "model_versions.name")
          .whereRef("t.version", "=", "model_versions.version")
          .where("t.key", "=", clause.key)
          .where(() => compareClause(caps, sql.ref("t.value"), clause)),
      );
    });
  }
  if (excludePrompts) query = query.where(notPromptTagged("model_version_tags", "model_versions.name"));
  for (const order of orderBy) {
    query = query.orderBy(sql.ref(COLUMNS[order.key] ?? "model_versions.name"), order.ascending ? "asc" : "desc");
  }
  if (!orderBy.some((order) => order.key === "name")) query = query.orderBy("model_versions.name", "asc");
  if (!orderBy.some((order) => order.key === "version_number")) query = query.orderBy("model_versions.version", "desc");
  return fetchOffsetPage(
    input.pageToken,
    input.maxResults,
    (limit, offset) => query.limit(limit).offset(offset).execute(),
    (rows) => loadModelVersions(ctx.conn.reader, rows),
  );
}
