import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { createTable } from "./create-table.js";

/**
 * The model registry (mlflow-wire.md §4.2). Children reference `registered_models.name`
 * without ON UPDATE CASCADE (not portable to every engine Cairn will drive): a rename moves
 * them explicitly inside its transaction. Tag values are TEXT because the registry allows
 * 100 000 characters.
 */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  await createTable(db, caps, "registered_models")
    .addColumn("name", "varchar(256)", (c) => c.primaryKey())
    .addColumn("creation_time", "bigint", (c) => c.notNull())
    .addColumn("last_updated_time", "bigint", (c) => c.notNull())
    .addColumn("description", "varchar(5000)")
    .execute();
  // search-registered-models orders by last update.
  await db.schema.createIndex("registered_models_updated_idx").on("registered_models").columns(["last_updated_time", "name"]).execute();

  await createTable(db, caps, "model_versions", { clustered: true })
    .addColumn("name", "varchar(256)", (c) => c.notNull().references("registered_models.name"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("creation_time", "bigint", (c) => c.notNull())
    .addColumn("last_updated_time", "bigint", (c) => c.notNull())
    .addColumn("description", "varchar(5000)")
    .addColumn("user_id", "varchar(256)")
    .addColumn("current_stage", "varchar(20)", (c) => c.notNull())
    .addColumn("source", "varchar(500)", (c) => c.notNull())
    .addColumn("storage_location", "varchar(4096)")
    .addColumn("run_id", "varchar(256)")
    .addColumn("run_link", "varchar(500)")
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("status_message", "varchar(500)")
    .addPrimaryKeyConstraint("model_versions_pk", ["name", "version"])
    .execute();
  await db.schema.createIndex("model_versions_run_idx").on("model_versions").columns(["run_id"]).execute();

  await createTable(db, caps, "registered_model_tags", { clustered: true })
    .addColumn("name", "varchar(256)", (c) => c.notNull().references("registered_models.name"))
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("value", caps.textType, (c) => c.notNull())
    .addPrimaryKeyConstraint("registered_model_tags_pk", ["name", "key"])
    .execute();
  // The prompt filter and tag searches look a key up across every model.
  await db.schema.createIndex("registered_model_tags_key_idx").on("registered_model_tags").columns(["key", "name"]).execute();

  await createTable(db, caps, "model_version_tags", { clustered: true })
    .addColumn("name", "varchar(256)", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("key", "varchar(250)", (c) => c.notNull())
    .addColumn("value", caps.textType, (c) => c.notNull())
    .addPrimaryKeyConstraint("model_version_tags_pk", ["name", "version", "key"])
    .addForeignKeyConstraint("model_version_tags_version_fk", ["name", "version"], "model_versions", ["name", "version"])
    .execute();
  await db.schema.createIndex("model_version_tags_key_idx").on("model_version_tags").columns(["key", "name", "version"]).execute();

  await createTable(db, caps, "registered_model_aliases", { clustered: true })
    .addColumn("name", "varchar(256)", (c) => c.notNull().references("registered_models.name"))
    .addColumn("alias", "varchar(256)", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("registered_model_aliases_pk", ["name", "alias"])
    .execute();
}
