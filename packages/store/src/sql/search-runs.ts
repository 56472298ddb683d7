import {
  assertNever,
  type FilterClause,
  type OrderByClause,
  type PagedList,
  parseRunFilter,
  parseRunOrderByList,
  type Run,
  type SearchRunsInput,
  type ViewType,
} from "@cairn/core";
import { type Expression, type ExpressionBuilder, expressionBuilder, type SqlBool, sql } from "kysely";
import type { DialectCapabilities } from "./capabilities.js";
import { compareClause } from "./compare-clause.js";
import { fetchOffsetPage } from "./page-token.js";
import { loadRuns } from "./run-loader.js";
import type { Database, RunsTable } from "./schema.js";
import type { StoreContext } from "./store-context.js";

type RunsEb = ExpressionBuilder<Database, "runs">;

/** Builds the filter's sub-queries; they only reference `runs`, whatever the outer query joins. */
const runsEb: RunsEb = expressionBuilder<Database, "runs">();

const ATTRIBUTE_COLUMNS: Record<string, string> = {
  run_id: "runs.run_uuid",
  run_name: "runs.name",
  user_id: "runs.user_id",
  status: "runs.status",
  artifact_uri: "runs.artifact_uri",
  start_time: "runs.start_time",
  end_time: "runs.end_time",
};

export function lifecycleStages(viewType: ViewType): string[] {
  switch (viewType) {
    case "ACTIVE_ONLY":
      return ["active"];
    case "DELETED_ONLY":
      return ["deleted"];
    case "ALL":
      return ["active", "deleted"];
  }
}

/**
 * search-runs: the filter AST compiles to EXISTS sub-queries on latest_metrics, params, tags
 * and dataset inputs; order keys become correlated sub-queries. The page's children are then
 * loaded in bulk. Paging is by offset (MLflow's token format), with `max_results + 1` rows
 * fetched so the last page carries no token.
 */
export async function searchRuns(ctx: StoreContext, input: SearchRunsInput): Promise<PagedList<Run>> {
  const clauses = parseRunFilter(input.filter);
  const orderBy = parseRunOrderByList(input.orderBy ?? []);
  const experimentIds = input.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (experimentIds.length === 0) return { items: [] };
  const stages = lifecycleStages(input.runViewType);
  return fetchOffsetPage(
    input.pageToken,
    input.maxResults,
    async (limit, offset) => {
      const page: PageQuery = { experimentIds, clauses, orderBy, stages, limit, offset };
      return (await pageSortedByOneMetric(ctx, page)) ?? (await pageInGeneral(ctx, page));
    },
    (rows) => loadRuns(ctx.conn.reader, rows),
  );
}

interface PageQuery {
  experimentIds: number[];
  clauses: FilterClause[];
  orderBy: OrderByClause[];
  stages: string[];
  /** Rows to fetch: the page size plus one, which tells whether another page follows. */
  limit: number;
  offset: number;
}

/** Any filter and order: every run of the experiments is visited, then sorted. */
async function pageInGeneral(ctx: StoreContext, page: PageQuery): Promise<RunsTable[]> {
  const caps = ctx.conn.capabilities;
  let query = ctx.conn.reader
    .selectFrom("runs")
    .selectAll("runs")
    .where("runs.experiment_id", "in", page.experimentIds)
    .where("runs.lifecycle_stage", "in", page.stages);
  for (const clause of page.clauses) query = query.where(compileClause(runsEb, clause, caps));
  for (const order of page.orderBy) {
    const [missingRank, value] = orderExpressions(order);
    query = query.orderBy(missingRank, "asc").orderBy(value, order.ascending ? "asc" : "desc");
  }
  return query.orderBy("runs.start_time", "desc").orderBy("runs.run_uuid", "asc").limit(page.limit).offset(page.offset).execute();
}

/**
 * The common "best runs by one metric" page, answered from the
 * (experiment_id, key, value) index of latest_metrics: runs are visited in value order and
 * the scan stops once the page is full. The cross join keeps SQLite from reordering the
 * loop (PostgreSQL plans it by cost either way). It covers only runs with a number for the
 * key, which MLflow's order puts first (then NaN, then missing); when those cannot fill the
 * page it returns null and the general query answers, with the same order.
 */
async function pageSortedByOneMetric(ctx: StoreContext, page: PageQuery): Promise<RunsTable[] | null> {
  const [order] = page.orderBy;
  if (page.orderBy.length !== 1 || order?.type !== "metric") return null;
  const caps = ctx.conn.capabilities;
  let query = ctx.conn.reader
    .selectFrom("latest_metrics as o")
    .crossJoin("runs")
    .selectAll("runs")
    .whereRef("runs.run_uuid", "=", "o.run_uuid")
    .where("o.experiment_id", "in", page.experimentIds)
    .where("o.key", "=", order.key)
    .where("o.is_nan", "=", 0)
    .where("runs.lifecycle_stage", "in", page.stages);
  for (const clause of page.clauses) query = query.where(compileClause(runsEb, clause, caps));
  const rows = await query
    .orderBy("o.value", order.ascending ? "asc" : "desc")
    .orderBy("runs.start_time", "desc")
    .orderBy("runs.run_uuid", "asc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.length === page.limit ? rows : null;
}

function compileClause(eb: RunsEb, clause: FilterClause, caps: DialectCapabilities): Expression<SqlBool> {
  switch (clause.type) {
    case "attribute":
      return compareClause(caps, sql.ref(ATTRIBUTE_COLUMNS[clause.key] ?? "runs.run_uuid"), clause);
    case "metric":
      return eb.exists(
        eb
          .selectFrom("latest_metrics as lm")
          .select(sql.lit(1).as("one"))
          .whereRef("lm.run_uuid", "=", "runs.run_uuid")
          .where("lm.key", "=", clause.key)
          .where("lm.is_nan", "=", 0)
          .where(() => compareClause(caps, sql.ref("lm.value"), clause)),
      );
    case "param":
    case "tag": {
      const table = clause.type === "param" ? "params" : "tags";
      const keyed = eb
        .selectFrom(`${table} as kv`)
        .select(sql.lit(1).as("one"))
        .whereRef("kv.run_uuid", "=", "runs.run_uuid")
        .where("kv.key", "=", clause.key);
      if (clause.comparator === "IS NULL") return eb.not(eb.exists(keyed));
      if (clause.comparator === "IS NOT NULL") return eb.exists(keyed);
      return eb.exists(keyed.where(() => compareClause(caps, sql.ref("kv.value"), clause)));
    }
    case "dataset": {
      const base = eb
        .selectFrom("inputs as i")
        .innerJoin("datasets as d", "d.dataset_uuid", "i.source_id")
        .select(sql.lit(1).as("one"))
        .whereRef("i.destination_id", "=", "runs.run_uuid")
        .where("i.destination_type", "=", "RUN");
      if (clause.key === "context") {
        return eb.exists(
          base
            .innerJoin("input_tags as t", "t.input_uuid", "i.input_uuid")
            .where("t.name", "=", "mlflow.data.context")
            .where(() => compareClause(caps, sql.ref("t.value"), clause)),
        );
      }
      return eb.exists(base.where(() => compareClause(caps, sql.ref(clause.key === "digest" ? "d.digest" : "d.name"), clause)));
    }
    default:
      return assertNever(clause.type);
  }
}

/** [rank that puts missing values last (and NaN just before them), the sort value]. */
function orderExpressions(order: OrderByClause): [Expression<unknown>, Expression<unknown>] {
  switch (order.type) {
    case "metric": {
      const value = sql`(select lm.value from latest_metrics lm where lm.run_uuid = runs.run_uuid and lm.key = ${order.key})`;
      const rank = sql`(select case when lm.is_nan = 1 then 1 else 0 end from latest_metrics lm where lm.run_uuid = runs.run_uuid and lm.key = ${order.key})`;
      return [sql`coalesce(${rank}, 2)`, value];
    }
    case "param":
    case "tag": {
      const table = sql.table(order.type === "param" ? "params" : "tags");
      const value = sql`(select kv.value from ${table} kv where kv.run_uuid = runs.run_uuid and kv.key = ${order.key})`;
      return [sql`case when ${value} is null then 1 else 0 end`, value];
    }
    case "attribute":
    case "dataset": {
      const column = sql.ref(ATTRIBUTE_COLUMNS[order.key] ?? "runs.start_time");
      return [sql`case when ${column} is null then 1 else 0 end`, column];
    }
    default:
      return assertNever(order.type);
  }
}
