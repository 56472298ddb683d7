import {
  type PagedList,
  parseRegisteredModelFilter,
  parseRegisteredModelOrderByList,
  type RegisteredModel,
  type SearchRegistryInput,
} from "@cairn/core";
import { sql } from "kysely";
import { compareClause } from "../compare-clause.js";
import { fetchOffsetPage } from "../page-token.js";
import type { StoreContext } from "../store-context.js";
import { notPromptTagged, splitPromptClauses } from "./prompt-filter.js";
import { loadRegisteredModels } from "./registry-loader.js";

const COLUMNS: Record<string, string> = {
  name: "registered_models.name",
  last_updated_timestamp: "registered_models.last_updated_time",
};

/**
 * search-registered-models (mlflow-wire.md §3.4). Prompts are hidden unless the filter asks
 * for them (§1.9, see splitPromptClauses); name ascending is always the last tie-breaker.
 */
export async function searchRegisteredModels(ctx: StoreContext, input: SearchRegistryInput): Promise<PagedList<RegisteredModel>> {
  const { clauses, excludePrompts } = splitPromptClauses(parseRegisteredModelFilter(input.filter));
  const orderBy = parseRegisteredModelOrderByList(input.orderBy ?? []);
  const caps = ctx.conn.capabilities;
  let query = ctx.conn.reader.selectFrom("registered_models").selectAll("registered_models");
  for (const clause of clauses) {
    query = query.where((eb) => {
      if (clause.type !== "tag") return compareClause(caps, sql.ref("registered_models.name"), clause);
      return eb.exists(
        eb
          .selectFrom("registered_model_tags as t")
          .select(sql.lit(1).as("one"))
          .whereRef("t.name", "=", "registered_models.name")
          .where("t.key", "=", clause.key)
          .where(() => compareClause(caps, sql.ref("t.value"), clause)),
      );
    });
  }
  if (excludePrompts) query = query.where(notPromptTagged("registered_model_tags", "registered_models.name"));
  for (const order of orderBy) {
    query = query.orderBy(sql.ref(COLUMNS[order.key] ?? "registered_models.name"), order.ascending ? "asc" : "desc");
  }
  if (!orderBy.some((order) => order.key === "name")) query = query.orderBy("registered_models.name", "asc");
  return fetchOffsetPage(
    input.pageToken,
    input.maxResults,
    (limit, offset) => query.limit(limit).offset(offset).execute(),
    (rows) => loadRegisteredModels(ctx.conn.reader, rows),
  );
}
