import path from "node:path";
import { fileURLToPath } from "node:url";
import { findProjectConfig } from "./project-config.js";

export type TrackingUriSource = "option" | "environment" | "project-config" | "default";

export interface ResolvedTrackingUri {
  /** `http(s)://…` (REST) or `sqlite:…`/`postgresql:…`/`mysql:…` (in-process). */
  uri: string;
  source: TrackingUriSource;
}

/**
 * Where the SDK logs, in MLflow's order of priority: an explicit option, then
 * `MLFLOW_TRACKING_URI`, then `trackingUri` in the nearest `cairn.config.json`, else an
 * in-process SQLite store in `./mlruns` that needs no server. A bare folder (or `file:` URI),
 * as MLflow's file store takes, means `<folder>/cairn.db`.
 *
 * @example
 * resolveTrackingUri({ env: { MLFLOW_TRACKING_URI: "http://127.0.0.1:5000" } }); // { uri: "http://127.0.0.1:5000", source: "environment" }
 */
export function resolveTrackingUri(
  options: { trackingUri?: string; env?: Record<string, string | undefined>; cwd?: string } = {},
): ResolvedTrackingUri {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  if (options.trackingUri) return { uri: normalise(options.trackingUri, cwd), source: "option" };
  const fromEnv = env["MLFLOW_TRACKING_URI"];
  if (fromEnv) return { uri: normalise(fromEnv, cwd), source: "environment" };
  const config = findProjectConfig(cwd);
  if (config?.trackingUri) return { uri: normalise(config.trackingUri, config.root), source: "project-config" };
  return { uri: sqliteIn(path.resolve(cwd, "mlruns")), source: "default" };
}

function normalise(uri: string, base: string): string {
  if (/^(https?|sqlite|postgres(ql)?(\+\w+)?):/i.test(uri)) return uri;
  const folder = uri.startsWith("file:") ? fileURLToPath(uri) : path.resolve(base, uri);
  return sqliteIn(folder);
}

function sqliteIn(folder: string): string {
  // sqlite:/// + an absolute path gives the four slashes SQLAlchemy uses for absolute files.
  return `sqlite:///${path.join(folder, "cairn.db")}`;
}
