import {
  type FilterClause,
  LOGGED_MODEL_STATUSES,
  type LoggedModel,
  type LoggedModelDatasetFilter,
  type LoggedModelOrderKey,
  type PagedList,
  parseLoggedModelFilter,
  parseLoggedModelOrderBy,
  type SearchLoggedModelsInput,
} from "@cairn/core";
import { type Expression, type ExpressionBuilder, expressionBuilder, type SqlBool, sql } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { compareClause } from "../compare-clause.js";
import type { Database } from "../schema.js";
import type { StoreContext } from "../store-context.js";
import { loadLoggedModels } from "./logged-model-loader.js";
import { decodeLoggedModelsToken, encodeLoggedModelsToken, normaliseOrderBy } from "./logged-model-page-token.js";

type ModelsEb = ExpressionBuilder<Database, "logged_models">;

const modelsEb: ModelsEb = expressionBuilder<Database, "logged_models">();

const ATTRIBUTE_COLUMNS: Record<string, string> = {
  name: "logged_models.name",
  model_id: "logged_models.model_id",
  model_type: "logged_models.model_type",
  status: "logged_models.status",
  source_run_id: "logged_models.source_run_id",
  creation_timestamp: "logged_models.creation_timestamp_ms",
  last_updated_timestamp: "logged_models.last_updated_timestamp_ms",
};

/**
 * Statuses are stored by their enum name; a filter may also name them short (`READY`) or by
 * number (`2`), the forms MLflow's entity and proto use.
 */
function statusValue(value: string): string {
  if (/^\d+$/.test(value)) return LOGGED_MODEL_STATUSES[Number(value) - 1] ?? value;
  const long = `LOGGED_MODEL_${value.toUpperCase()}`;
  return (LOGGED_MODEL_STATUSES as readonly string[]).includes(long) ? long : value;
}

/**
 * search-logged-models as MLflow's SQL store does it: attribute clauses on the model row, and
 * `metrics.` (any point of the key, on the requested datasets when given), `params.` and
 * `tags.` clauses as EXISTS sub-queries. With datasets but no metric clause, only models with a
 * metric on one of the datasets match. Order keys come first (missing values last; a metric
 * sorts by its latest point by timestamp, then step), then newest first, then id. Pages by
 * offset with MLflow's self-checking token.
 */
export async function searchLoggedModels(ctx: StoreContext, input: SearchLoggedModelsInput): Promise<PagedList<LoggedModel>> {
  const clauses = parseLoggedModelFilter(input.filter);
  const orderBy = parseLoggedModelOrderBy(input.orderBy ?? []);
  const expected = {
    experiment_ids: input.experimentIds,
    filter_string: input.filter || null,
    order_by: normaliseOrderBy(input.orderBy),
  };
  const offset = input.pageToken ? decodeLoggedModelsToken(input.pageToken, expected) : 0;
  const experimentIds = input.experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (experimentIds.length === 0) return { items: [] };
  const caps = ctx.conn.capabilities;
  const datasets = input.datasets ?? [];

  let query = ctx.conn.reader
    .selectFrom("logged_models")
    .selectAll("logged_models")
    .where("logged_models.experiment_id", "in", experimentIds)
    .where("logged_models.lifecycle_stage", "=", "active");
  for (const clause of clauses) query = query.where(compileClause(modelsEb, clause, datasets, caps));
  if (datasets.length > 0 && !clauses.some((clause) => clause.type === "metric")) {
    query = query.where((eb) => eb.exists(metricRows(eb, datasets).select(sql.lit(1).as("one"))));
  }
  for (const order of orderBy) {
    const value = orderValue(order);
    query = query.orderBy(sql`case when ${value} is null then 1 else 0 end`, "asc").orderBy(value, order.ascending ? "asc" : "desc");
  }
  if (!orderBy.some((order) => order.type === "attribute" && order.key === "creation_timestamp")) {
    query = query.orderBy("logged_models.creation_timestamp_ms", "desc");
  }
  const rows = await query
    .orderBy("logged_models.model_id", "asc")
    .limit(input.maxResults + 1)
    .offset(offset)
    .execute();
  const hasMore = rows.length > input.maxResults;
  const page = hasMore ? rows.slice(0, input.maxResults) : rows;
  const result: PagedList<LoggedModel> = { items: await loadLoggedModels(ctx.conn.reader, page) };
  if (hasMore) result.next_page_token = encodeLoggedModelsToken({ ...expected, offset: offset + page.length });
  return result;
}

/** The model's metric rows, restricted to the datasets (any of them) when some are given. */
function metricRows(eb: ModelsEb, datasets: readonly LoggedModelDatasetFilter[]) {
  let rows = eb.selectFrom("logged_model_metrics as m").whereRef("m.model_id", "=", "logged_models.model_id");
  if (datasets.length > 0) {
    rows = rows.where((inner) =>
      inner.or(
        datasets.map((dataset) =>
          dataset.dataset_digest
            ? inner.and([inner("m.dataset_name", "=", dataset.dataset_name), inner("m.dataset_digest", "=", dataset.dataset_digest)])
            : inner("m.dataset_name", "=", dataset.dataset_name),
        ),
      ),
    );
  }
  return rows;
}

function compileClause(
  eb: ModelsEb,
  clause: FilterClause,
  datasets: readonly LoggedModelDatasetFilter[],
  caps: DialectCapabilities,
): Expression<SqlBool> {
  switch (clause.type) {
    case "attribute": {
      const value = clause.key === "status" && typeof clause.value === "string" ? statusValue(clause.value) : clause.value;
      return compareClause(caps, sql.ref(ATTRIBUTE_COLUMNS[clause.key] ?? "logged_models.model_id"), { ...clause, value });
    }
    case "metric":
      return eb.exists(
        metricRows(eb, datasets)
          .select(sql.lit(1).as("one"))
          .where("m.key", "=", clause.key)
          .where("m.is_nan", "=", 0)
          .where(() => compareClause(caps, sql.ref("m.value"), clause)),
      );
    case "param":
    case "tag": {
      const table = clause.type === "param" ? "logged_model_params" : "logged_model_tags";
      return eb.exists(
        eb
          .selectFrom(`${table} as kv`)
          .select(sql.lit(1).as("one"))
          .whereRef("kv.model_id", "=", "logged_models.model_id")
          .where("kv.key", "=", clause.key)
          .where(() => compareClause(caps, sql.ref("kv.value"), clause)),
      );
    }
    case "dataset":
      // The logged-model grammar has no `datasets.` entity; the parser never produces one.
      return sql<SqlBool>`${sql.lit(false)}`;
    default:
      return unreachable(clause.type);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled case ${String(value)}`);
}

/** The sort value of one order key: a column, or the metric's latest point on the datasets asked for. */
function orderValue(order: LoggedModelOrderKey): Expression<unknown> {
  switch (order.type) {
    case "attribute":
      return sql.ref(ATTRIBUTE_COLUMNS[order.key] ?? "logged_models.creation_timestamp_ms");
    case "metric": {
      const datasetName = order.datasetName === undefined ? sql`` : sql` and m.dataset_name = ${order.datasetName}`;
      const datasetDigest = order.datasetDigest === undefined ? sql`` : sql` and m.dataset_digest = ${order.datasetDigest}`;
      return sql`(select m.value from logged_model_metrics m where m.model_id = logged_models.model_id and m.key = ${order.key}${datasetName}${datasetDigest} order by m.timestamp desc, m.step desc limit 1)`;
    }
    default:
      return unreachable(order);
  }
}
