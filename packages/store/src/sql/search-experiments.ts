import {
  type Experiment,
  type PagedList,
  parseExperimentFilter,
  parseExperimentOrderByList,
  type SearchExperimentsInput,
} from "@cairn/core";
import { sql } from "kysely";
import { compareClause } from "./compare-clause.js";
import { loadExperimentTags } from "./experiments.js";
import { fetchOffsetPage } from "./page-token.js";
import { toExperiment } from "./rows.js";
import { lifecycleStages } from "./search-runs.js";
import type { StoreContext } from "./store-context.js";

const COLUMNS: Record<string, string> = {
  name: "experiments.name",
  experiment_id: "experiments.experiment_id",
  creation_time: "experiments.creation_time",
  last_update_time: "experiments.last_update_time",
};

/** search-experiments; the default order is creation_time DESC, then experiment_id. */
export async function searchExperiments(ctx: StoreContext, input: SearchExperimentsInput): Promise<PagedList<Experiment>> {
  const clauses = parseExperimentFilter(input.filter);
  const orderBy = parseExperimentOrderByList(input.orderBy ?? []);
  const caps = ctx.conn.capabilities;
  let query = ctx.conn.reader
    .selectFrom("experiments")
    .selectAll("experiments")
    .where("experiments.lifecycle_stage", "in", lifecycleStages(input.viewType));
  for (const clause of clauses) {
    query = query.where((eb) => {
      if (clause.type !== "tag") return compareClause(caps, sql.ref(COLUMNS[clause.key] ?? "experiments.name"), clause);
      const keyed = eb
        .selectFrom("experiment_tags as t")
        .select(sql.lit(1).as("one"))
        .whereRef("t.experiment_id", "=", "experiments.experiment_id")
        .where("t.key", "=", clause.key);
      if (clause.comparator === "IS NULL") return eb.not(eb.exists(keyed));
      if (clause.comparator === "IS NOT NULL") return eb.exists(keyed);
      return eb.exists(keyed.where(() => compareClause(caps, sql.ref("t.value"), clause)));
    });
  }
  for (const order of orderBy) {
    query = query.orderBy(sql.ref(COLUMNS[order.key] ?? "experiments.creation_time"), order.ascending ? "asc" : "desc");
  }
  if (orderBy.length === 0) query = query.orderBy("experiments.creation_time", "desc");
  query = query.orderBy("experiments.experiment_id", "asc");
  return fetchOffsetPage(
    input.pageToken,
    input.maxResults,
    (limit, offset) => query.limit(limit).offset(offset).execute(),
    async (rows) => {
      const tags = await loadExperimentTags(
        ctx.conn.reader,
        rows.map((row) => row.experiment_id),
      );
      return rows.map((row) => toExperiment(row, tags.get(row.experiment_id) ?? []));
    },
  );
}
