import type { MessageSpec } from "./field-spec.js";
import { requests } from "./messages.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One REST operation of MLflow's API as Cairn serves it. The server registers `path` under
 * both `/api/<major>.0` and `/ajax-api/<major>.0`; the SDK uses the first method.
 */
export interface Operation {
  name: TableOperationName;
  methods: readonly HttpMethod[];
  /**
   * Path below the `/api/2.0` prefix, e.g. `/mlflow/runs/create`. A `:name` segment is a path
   * parameter: the server reads it into the request field `name` (over any body value).
   */
  path: string;
  request: MessageSpec;
}

export type OperationName = keyof typeof requests;

/**
 * Requests the artifact routes serve as streams (a file download, the proxy's listing) rather
 * than through the operation table; their specs still type the SDK's calls.
 */
export type StreamedOperationName = "getArtifact" | "listProxiedArtifacts";

/** The operations of the table: one JSON route and one handler each. */
export type TableOperationName = Exclude<OperationName, StreamedOperationName>;

/** Builds an operation from its name; the request spec comes from `requests`. */
export const op = (name: TableOperationName, methods: readonly HttpMethod[], path: string): Operation => ({
  name,
  methods,
  path,
  request: requests[name],
});
