import type { SqlConnection } from "./capabilities.js";

/** What every domain module of the SQL store needs. */
export interface StoreContext {
  readonly conn: SqlConnection;
  /** Root under which experiments get `<root>/<experiment_id>` when they name no location. */
  readonly defaultArtifactRoot: string;
}
