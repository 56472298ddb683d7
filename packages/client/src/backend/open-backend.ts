import { CairnError } from "@cairn/core";
import { resolveTrackingUri } from "../config/resolve-tracking-uri.js";
import type { HttpTransportOptions } from "../rest/http-transport.js";
import { openRestBackend } from "../rest/open-rest-backend.js";
import type { Backend } from "./backend.js";

export interface OpenBackendOptions {
  /** Overrides MLFLOW_TRACKING_URI and the project config. */
  trackingUri?: string;
  /** Options of the REST transport (retries, timeout, headers). */
  http?: Omit<HttpTransportOptions, "baseUrl">;
}

/**
 * Opens the backend the tracking URI names: REST for `http(s)://`, in-process (through the
 * `local` subpath, loaded only then) for `sqlite:`, `postgresql:` and `mysql:`.
 *
 * @example
 * const backend = await openBackend({ trackingUri: "http://127.0.0.1:5000" });
 */
export async function openBackend(options: OpenBackendOptions = {}): Promise<Backend> {
  const { uri } = resolveTrackingUri({ trackingUri: options.trackingUri });
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase() ?? "";
  if (scheme === "http" || scheme === "https") return openRestBackend({ ...options.http, baseUrl: uri });
  if (scheme === "sqlite" || scheme.startsWith("postgres") || scheme.startsWith("mysql") || scheme.startsWith("mariadb")) {
    const { openLocalBackend } = await import("../local/open-local-backend.js");
    return openLocalBackend(uri);
  }
  throw new CairnError(
    "INVALID_PARAMETER_VALUE",
    `Unsupported tracking URI '${uri}': use http(s)://, sqlite:///, postgresql:// or mysql://`,
  );
}
