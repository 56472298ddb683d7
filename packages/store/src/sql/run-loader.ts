import type { DatasetInput, Metric, ModelInput, ModelOutput, Run, Tag } from "@cairn/core";
import type { Kysely } from "kysely";
import { toMetric, toRunInfo } from "./rows.js";
import type { Database, RunsTable } from "./schema.js";

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds full `Run` entities for a page of run rows, loading params, tags, latest metrics and
 * dataset inputs with one `IN (…)` query per child table and chunk, never one per run.
 */
export async function loadRuns(db: Kysely<Database>, rows: RunsTable[]): Promise<Run[]> {
  const ids = rows.map((row) => row.run_uuid);
  const params = new Map<string, Tag[]>();
  const tags = new Map<string, Tag[]>();
  const metrics = new Map<string, Metric[]>();
  const inputs = new Map<string, DatasetInput[]>();
  const modelInputs = new Map<string, ModelInput[]>();
  const modelOutputs = new Map<string, ModelOutput[]>();
  for (const chunk of chunks(ids)) {
    const [paramRows, tagRows, metricRows] = await Promise.all([
      // Ordered as the (run_uuid, key) primary keys are, so no sort step is needed and each
      // run's children still come out sorted by key.
      db
        .selectFrom("params")
        .select(["run_uuid", "key", "value"])
        .where("run_uuid", "in", chunk)
        .orderBy("run_uuid")
        .orderBy("key")
        .execute(),
      db
        .selectFrom("tags")
        .select(["run_uuid", "key", "value"])
        .where("run_uuid", "in", chunk)
        .orderBy("run_uuid")
        .orderBy("key")
        .execute(),
      db
        .selectFrom("latest_metrics")
        .select(["run_uuid", "key", "value", "timestamp", "step", "is_nan", "model_id", "dataset_name", "dataset_digest"])
        .where("run_uuid", "in", chunk)
        .orderBy("run_uuid")
        .orderBy("key")
        .execute(),
    ]);
    for (const row of paramRows) push(params, row.run_uuid, { key: row.key, value: row.value });
    for (const row of tagRows) push(tags, row.run_uuid, { key: row.key, value: row.value });
    for (const row of metricRows) push(metrics, row.run_uuid, toMetric(row));
    await loadDatasetInputs(db, chunk, inputs);
    await loadModelEdges(db, chunk, modelInputs, modelOutputs);
  }
  return rows.map((row) => {
    const run: Run = {
      info: toRunInfo(row),
      data: {
        metrics: metrics.get(row.run_uuid) ?? [],
        params: params.get(row.run_uuid) ?? [],
        tags: tags.get(row.run_uuid) ?? [],
      },
      inputs: { dataset_inputs: inputs.get(row.run_uuid) ?? [] },
    };
    const used = modelInputs.get(row.run_uuid);
    if (used) run.inputs.model_inputs = used;
    const produced = modelOutputs.get(row.run_uuid);
    if (produced) run.outputs = { model_outputs: produced };
    return run;
  });
}

/** The runs' logged-model edges: RUN_INPUT → MODEL_INPUT (inputs) and RUN_OUTPUT → MODEL_OUTPUT (outputs). */
async function loadModelEdges(
  db: Kysely<Database>,
  runIds: string[],
  inputs: Map<string, ModelInput[]>,
  outputs: Map<string, ModelOutput[]>,
): Promise<void> {
  const edges = await db
    .selectFrom("inputs")
    .select(["source_type", "source_id", "destination_id", "step"])
    .where("source_type", "in", ["RUN_INPUT", "RUN_OUTPUT"])
    .where("source_id", "in", runIds)
    .orderBy("destination_id")
    .execute();
  for (const edge of edges) {
    if (edge.source_type === "RUN_INPUT") push(inputs, edge.source_id, { model_id: edge.destination_id });
    else push(outputs, edge.source_id, { model_id: edge.destination_id, step: edge.step });
  }
}

async function loadDatasetInputs(db: Kysely<Database>, runIds: string[], into: Map<string, DatasetInput[]>): Promise<void> {
  const edges = await db
    .selectFrom("inputs")
    .innerJoin("datasets", "datasets.dataset_uuid", "inputs.source_id")
    .select([
      "inputs.input_uuid",
      "inputs.destination_id",
      "datasets.name",
      "datasets.digest",
      "datasets.source_type",
      "datasets.source",
      "datasets.schema",
      "datasets.profile",
    ])
    .where("inputs.destination_type", "=", "RUN")
    .where("inputs.source_type", "=", "DATASET")
    .where("inputs.destination_id", "in", runIds)
    .orderBy("datasets.name")
    .execute();
  if (edges.length === 0) return;
  const tagRows = await db
    .selectFrom("input_tags")
    .select(["input_uuid", "name", "value"])
    .where(
      "input_uuid",
      "in",
      edges.map((edge) => edge.input_uuid),
    )
    .orderBy("name")
    .execute();
  const tagsByInput = new Map<string, Tag[]>();
  for (const row of tagRows) push(tagsByInput, row.input_uuid, { key: row.name, value: row.value });
  for (const edge of edges) {
    const dataset: DatasetInput["dataset"] = {
      name: edge.name,
      digest: edge.digest,
      source_type: edge.source_type,
      source: edge.source,
    };
    if (edge.schema !== null) dataset.schema = edge.schema;
    if (edge.profile !== null) dataset.profile = edge.profile;
    push(into, edge.destination_id, { tags: tagsByInput.get(edge.input_uuid) ?? [], dataset });
  }
}
