import {
  type LoggedModel,
  type LoggedModelRegistration,
  type LoggedModelStatus,
  type Metric,
  MODEL_VERSIONS_TAG,
  type Tag,
} from "@cairn/core";
import type { Kysely } from "kysely";
import { toMetric } from "../rows.js";
import type { Database, LoggedModelsTable } from "../schema.js";

const CHUNK = 500;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The registrations MLflow keeps as JSON in the `mlflow.modelVersions` tag
 * (`[{"name": "clf", "version": 1}]`); an unreadable tag means none rather than an error.
 */
export function parseRegistrations(value: string | undefined): LoggedModelRegistration[] {
  if (value === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    const { name, version } = (entry ?? {}) as { name?: unknown; version?: unknown };
    return typeof name === "string" && (typeof version === "number" || typeof version === "string")
      ? [{ name, version: String(version) }]
      : [];
  });
}

/**
 * Each registration once. After `register_model` the Python client appends its own
 * `{"name": …, "version": "1"}` to the tag the server already wrote as `{… "version": 1}`
 * (mlflow/tracking/_model_registry/fluent.py), so the tag lists a version twice; the tag is kept
 * as MLflow keeps it, the `registrations` field is not doubled.
 */
function uniqueRegistrations(registrations: LoggedModelRegistration[]): LoggedModelRegistration[] {
  const seen = new Set<string>();
  return registrations.filter((entry) => {
    const key = JSON.stringify([entry.name, entry.version]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds full `LoggedModel` entities for model rows, loading tags, params and metrics with one
 * `IN (…)` query per table and chunk of 500 models.
 */
export async function loadLoggedModels(db: Kysely<Database>, rows: LoggedModelsTable[]): Promise<LoggedModel[]> {
  const tags = new Map<string, Tag[]>();
  const params = new Map<string, Tag[]>();
  const metrics = new Map<string, Metric[]>();
  const ids = rows.map((row) => row.model_id);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const [tagRows, paramRows, metricRows] = await Promise.all([
      db.selectFrom("logged_model_tags").select(["model_id", "key", "value"]).where("model_id", "in", chunk).orderBy("key").execute(),
      db.selectFrom("logged_model_params").select(["model_id", "key", "value"]).where("model_id", "in", chunk).orderBy("key").execute(),
      db
        .selectFrom("logged_model_metrics")
        .selectAll()
        .where("model_id", "in", chunk)
        .orderBy("key")
        .orderBy("timestamp")
        .orderBy("step")
        .orderBy("value")
        .execute(),
    ]);
    for (const row of tagRows) push(tags, row.model_id, { key: row.key, value: row.value });
    for (const row of paramRows) push(params, row.model_id, { key: row.key, value: row.value });
    for (const row of metricRows) push(metrics, row.model_id, { ...toMetric(row), run_id: row.run_uuid });
  }
  return rows.map((row) => {
    const modelTags = tags.get(row.model_id) ?? [];
    const info: LoggedModel["info"] = {
      model_id: row.model_id,
      experiment_id: String(row.experiment_id),
      name: row.name,
      creation_timestamp_ms: row.creation_timestamp_ms,
      last_updated_timestamp_ms: row.last_updated_timestamp_ms,
      artifact_uri: row.artifact_location,
      status: row.status as LoggedModelStatus,
      tags: modelTags,
      registrations: uniqueRegistrations(parseRegistrations(modelTags.find((tag) => tag.key === MODEL_VERSIONS_TAG)?.value)),
    };
    if (row.model_type !== null) info.model_type = row.model_type;
    if (row.source_run_id !== null) info.source_run_id = row.source_run_id;
    if (row.status_message !== null) info.status_message = row.status_message;
    return { info, data: { params: params.get(row.model_id) ?? [], metrics: metrics.get(row.model_id) ?? [] } };
  });
}
