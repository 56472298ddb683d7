import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import { createTable } from "./create-table.js";

/**
 * Webhooks (mlflow-wire.md §4.2) and Cairn's delivery log. MLflow keeps a webhook's events as
 * JSON text in one column; here they are rows, so "who is subscribed to model_version.created"
 * is an index look-up. Deletes are soft (`deleted_timestamp`), as in MLflow. Delivery attempts
 * reference the webhook by id without a foreign key: the log outlives nothing it describes,
 * and a delete must not wait on it.
 */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  await createTable(db, caps, "webhooks")
    .addColumn("webhook_id", "varchar(256)", (c) => c.primaryKey())
    .addColumn("name", "varchar(256)", (c) => c.notNull())
    .addColumn("description", "varchar(1000)")
    .addColumn("url", "varchar(500)", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    // Encrypted (or marked plain when the server has no key): longer than the secret itself.
    .addColumn("secret", caps.textType)
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .addColumn("deleted_timestamp", "bigint")
    .execute();
  await db.schema.createIndex("webhooks_created_idx").on("webhooks").columns(["creation_timestamp", "webhook_id"]).execute();

  await createTable(db, caps, "webhook_events")
    .addColumn("webhook_id", "varchar(256)", (c) => c.notNull().references("webhooks.webhook_id"))
    .addColumn("entity", "varchar(50)", (c) => c.notNull())
    .addColumn("action", "varchar(50)", (c) => c.notNull())
    // The order the client gave: the test endpoint's default event is the first one.
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("webhook_events_pk", ["webhook_id", "entity", "action"])
    .execute();
  // An event's recipients are looked up by (entity, action).
  await db.schema.createIndex("webhook_events_event_idx").on("webhook_events").columns(["entity", "action", "webhook_id"]).execute();

  await createTable(db, caps, "webhook_deliveries")
    .addColumn("delivery_id", "varchar(64)", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("webhook_id", "varchar(256)", (c) => c.notNull())
    .addColumn("event", "varchar(100)", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("outcome", "varchar(20)", (c) => c.notNull())
    .addColumn("response_status", "integer")
    .addColumn("error_message", "varchar(1000)")
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("webhook_deliveries_pk", ["delivery_id", "attempt"])
    .execute();
  await db.schema.createIndex("webhook_deliveries_webhook_idx").on("webhook_deliveries").columns(["webhook_id", "timestamp"]).execute();
}
