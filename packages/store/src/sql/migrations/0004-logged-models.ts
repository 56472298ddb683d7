import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { createTable, primaryKey } from "./create-table.js";

/**
 * MLflow 3 logged models (mlflow-wire.md §1.6, §4.1) and the tracking fields that go with them.
 *
 * `metrics` and `latest_metrics` gain `model_id`, `dataset_name` and `dataset_digest` as plain
 * nullable columns, outside the key: the key stays MLflow's (run, key, step, timestamp, value,
 * is_nan), so a retried point is still one row and the first write's model/dataset stays on it.
 * Per-model points go to `logged_model_metrics`, keyed with the model, run and dataset ('' for
 * none, so it can be part of the key), where the same point logged for two models or datasets
 * is two rows, as MLflow keeps it. `inputs.step` carries the step of RUN → MODEL output edges.
 */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const table of ["metrics", "latest_metrics"]) {
    await db.schema.alterTable(table).addColumn("model_id", "varchar(36)").execute();
    await db.schema.alterTable(table).addColumn("dataset_name", "varchar(500)").execute();
    await db.schema.alterTable(table).addColumn("dataset_digest", "varchar(36)").execute();
  }
  await db.schema
    .alterTable("inputs")
    .addColumn("step", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  // A run's model inputs and outputs are read by their source (the run).
  await db.schema.createIndex("inputs_source_idx").on("inputs").columns(["source_id", "source_type"]).execute();

  await createTable(db, caps, "logged_models")
    .addColumn("model_id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "varchar(500)", (c) => c.notNull())
    .addColumn("artifact_location", "varchar(2100)", (c) => c.notNull())
    .addColumn("creation_timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("status", "varchar(40)", (c) => c.notNull())
    .addColumn("lifecycle_stage", "varchar(32)", (c) => c.notNull())
    .addColumn("model_type", "varchar(500)")
    .addColumn("source_run_id", "varchar(32)")
    .addColumn("status_message", "varchar(1000)")
    .execute();
  // Search's default page: newest first within the experiments.
  await db.schema
    .createIndex("logged_models_experiment_created_idx")
    .on("logged_models")
    .columns(["experiment_id", "creation_timestamp_ms", "model_id"])
    .execute();

  for (const table of ["logged_model_params", "logged_model_tags"]) {
    await createTable(db, caps, table, { clustered: true })
      .addColumn("model_id", "varchar(36)", (c) => c.notNull().references("logged_models.model_id"))
      .addColumn("key", "varchar(255)", (c) => c.notNull())
      .addColumn("value", caps.textType, (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["model_id", "key"])
      .execute();
  }

  await createTable(db, caps, "logged_model_metrics", { clustered: true })
    .addColumn("model_id", "varchar(36)", (c) => c.notNull().references("logged_models.model_id"))
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("run_uuid", "varchar(32)", (c) => c.notNull().references("runs.run_uuid"))
    .addColumn("dataset_name", "varchar(500)", (c) => c.notNull())
    .addColumn("dataset_digest", "varchar(36)", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("is_nan", "integer", (c) => c.notNull())
    .addColumn("experiment_id", "integer", (c) => c.notNull())
    .$call((table) =>
      primaryKey(table, "logged_model_metrics_pk", [
        "model_id",
        "key",
        "step",
        "timestamp",
        "run_uuid",
        // Only MySQL limits it (to 400 characters): the whole key must fit InnoDB's 3,072 bytes.
        caps.keyPart("dataset_name", 400),
        "dataset_digest",
        "value",
        "is_nan",
      ]),
    )
    .execute();

  // Registered versions remember the logged model they came from.
  await db.schema.alterTable("model_versions").addColumn("model_id", "varchar(36)").execute();
}
