import type { TrackingStore } from "@cairn/core";
import { parseBackendUri } from "./backend-uri.js";
import type { SqlConnection } from "./sql/capabilities.js";
import { SqlTrackingStore } from "./sql/sql-tracking-store.js";
import { validatedStore } from "./validated-store.js";

export interface OpenTrackingStoreOptions {
  /** Root under which new experiments get their artifact location. */
  defaultArtifactRoot: string;
}

/**
 * Opens the tracking store a backend URI names, migrated and wrapped in MLflow's limits.
 * Drivers load lazily, so a SQLite user never loads `pg` or `mysql2`.
 *
 * @example
 * const store = await openTrackingStore("sqlite:///cairn.db", { defaultArtifactRoot: "mlflow-artifacts:/" });
 */
export async function openTrackingStore(uri: string, options: OpenTrackingStoreOptions): Promise<TrackingStore> {
  const conn = await openConnection(uri);
  return validatedStore(await SqlTrackingStore.open(conn, options));
}

/** Opens (and migrates) only the connection: what `cairn db upgrade` needs. */
export async function openConnection(uri: string): Promise<SqlConnection> {
  const location = parseBackendUri(uri);
  switch (location.engine) {
    case "sqlite":
      return (await import("./sql/dialects/sqlite.js")).openSqlite(location.file);
    case "postgresql":
      return (await import("./sql/dialects/postgres.js")).openPostgres(location.connectionString);
    case "mysql":
      return (await import("./sql/dialects/mysql.js")).openMysql(location.connectionString);
  }
}
