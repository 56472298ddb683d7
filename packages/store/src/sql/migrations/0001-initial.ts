import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { createTable } from "./create-table.js";

/**
 * The tracking schema. Metrics are clustered by (run, key, step, timestamp, value, is_nan) so
 * a history read is one range scan and an exact duplicate is refused by the key (that is how
 * client retries stay idempotent). `latest_metrics` is what search filters and sorts on.
 */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  await createTable(db, caps, "experiments")
    .addColumn("experiment_id", caps.autoIncrementType, (c) =>
      caps.autoIncrementType === "integer" ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn("name", "varchar(500)", (c) => c.notNull().unique())
    .addColumn("artifact_location", "varchar(2048)", (c) => c.notNull())
    .addColumn("lifecycle_stage", "varchar(32)", (c) => c.notNull())
    .addColumn("creation_time", "bigint", (c) => c.notNull())
    .addColumn("last_update_time", "bigint", (c) => c.notNull())
    .addColumn("deleted_time", "bigint")
    .execute();

  await createTable(db, caps, "experiment_tags", { clustered: true })
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("value", "varchar(5000)", (c) => c.notNull())
    .addPrimaryKeyConstraint("experiment_tags_pk", ["experiment_id", "key"])
    .execute();

  await createTable(db, caps, "runs")
    .addColumn("run_uuid", "varchar(32)", (c) => c.primaryKey())
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "varchar(250)", (c) => c.notNull())
    .addColumn("user_id", "varchar(256)", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("start_time", "bigint", (c) => c.notNull())
    .addColumn("end_time", "bigint")
    .addColumn("deleted_time", "bigint")
    .addColumn("lifecycle_stage", "varchar(20)", (c) => c.notNull())
    .addColumn("artifact_uri", "varchar(2048)", (c) => c.notNull())
    .execute();
  // The search page order: newest first within an experiment.
  await db.schema.createIndex("runs_experiment_start_idx").on("runs").columns(["experiment_id", "start_time", "run_uuid"]).execute();

  for (const table of ["tags", "params"]) {
    await createTable(db, caps, table, { clustered: true })
      .addColumn("run_uuid", "varchar(32)", (c) => c.notNull().references("runs.run_uuid"))
      .addColumn("key", "varchar(250)", (c) => c.notNull())
      .addColumn("value", "varchar(8000)", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["run_uuid", "key"])
      .execute();
    // Search filters look a key up across the runs of an experiment.
    // (Values are long: MySQL indexes their first 500 characters.)
    await db.schema
      .createIndex(`${table}_key_idx`)
      .on(table)
      .columns(["key", caps.keyPart("value", 500)])
      .execute();
  }

  await createTable(db, caps, "metrics", { clustered: true })
    .addColumn("run_uuid", "varchar(32)", (c) => c.notNull().references("runs.run_uuid"))
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("is_nan", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("metrics_pk", ["run_uuid", "key", "step", "timestamp", "value", "is_nan"])
    .execute();

  await createTable(db, caps, "latest_metrics", { clustered: true })
    .addColumn("run_uuid", "varchar(32)", (c) => c.notNull().references("runs.run_uuid"))
    .addColumn("experiment_id", "integer", (c) => c.notNull())
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("is_nan", "integer", (c) => c.notNull())
    .addColumn("min_value", "double precision")
    .addColumn("max_value", "double precision")
    .addPrimaryKeyConstraint("latest_metrics_pk", ["run_uuid", "key"])
    .execute();
  // Runs never change experiment, so the run's experiment is copied here: a search sorted by a
  // metric then walks this index in value order within the experiment and stops after a page,
  // instead of visiting every run of the experiment and sorting them.
  await db.schema
    .createIndex("latest_metrics_experiment_key_value_idx")
    .on("latest_metrics")
    .columns(["experiment_id", "key", "value"])
    .execute();

  await createTable(db, caps, "datasets")
    .addColumn("dataset_uuid", "varchar(36)", (c) => c.primaryKey())
    .addColumn("experiment_id", "integer", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "varchar(500)", (c) => c.notNull())
    .addColumn("digest", "varchar(36)", (c) => c.notNull())
    .addColumn("source_type", "varchar(36)", (c) => c.notNull())
    .addColumn("source", caps.textType, (c) => c.notNull())
    .addColumn("schema", caps.textType)
    .addColumn("profile", caps.textType)
    .addUniqueConstraint("datasets_experiment_name_digest", ["experiment_id", "name", "digest"])
    .execute();

  await createTable(db, caps, "inputs")
    .addColumn("input_uuid", "varchar(36)", (c) => c.primaryKey())
    .addColumn("source_type", "varchar(36)", (c) => c.notNull())
    .addColumn("source_id", "varchar(36)", (c) => c.notNull())
    .addColumn("destination_type", "varchar(36)", (c) => c.notNull())
    .addColumn("destination_id", "varchar(36)", (c) => c.notNull())
    .addUniqueConstraint("inputs_edge", ["destination_id", "destination_type", "source_type", "source_id"])
    .execute();

  await createTable(db, caps, "input_tags", { clustered: true })
    .addColumn("input_uuid", "varchar(36)", (c) => c.notNull().references("inputs.input_uuid"))
    .addColumn("name", "varchar(255)", (c) => c.notNull())
    .addColumn("value", "varchar(500)", (c) => c.notNull())
    .addPrimaryKeyConstraint("input_tags_pk", ["input_uuid", "name"])
    .execute();
}
