import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseOlderThan } from "@cairn/server";

/** Defaults for zero-configuration start: files in the current directory. */
export const DEFAULT_BACKEND_STORE_URI = "sqlite:///cairn.db";
export const DEFAULT_ARTIFACTS_DESTINATION = "./mlartifacts";

export interface ServerSettings {
  host: string;
  port: number;
  backendStoreUri: string;
  artifactsDestination: string;
  defaultArtifactRoot: string;
  serveArtifacts: boolean;
  /** Webhooks may reach private, loopback and link-local addresses (never metadata ones). */
  webhooksAllowPrivateIps: boolean;
  /** Encrypts webhook secrets at rest; absent, they are stored unencrypted. */
  webhooksSecretKey: string | undefined;
  /** Milliseconds between scheduled purges of deleted runs and experiments; absent: no schedule. */
  gcIntervalMs?: number;
  /** How long deleted runs and experiments are kept before the scheduled purge removes them. */
  gcRetentionMs: number;
}

export interface RawServerOptions {
  host?: string;
  port?: string;
  backendStoreUri?: string;
  artifactsDestination?: string;
  defaultArtifactRoot?: string;
  serveArtifacts?: boolean;
  webhooksAllowPrivateIps?: boolean;
  gcInterval?: string;
  gcRetention?: string;
}

/** Retention of the scheduled purge when only its interval is given: MLflow users' usual 30 days. */
export const DEFAULT_GC_RETENTION = "30d";

const env = (...names: string[]): string | undefined => {
  for (const name of names) {
    const value = process.env[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
};

function envBool(...names: string[]): boolean | undefined {
  const value = env(...names);
  if (value === undefined) return undefined;
  return /^(1|true|yes|on)$/i.test(value);
}

/**
 * Flags first, then MLflow's and Cairn's environment variables, then the defaults. With
 * artifacts served, new experiments live under `mlflow-artifacts:/` (as with `mlflow server`).
 */
export function resolveServerSettings(raw: RawServerOptions, cwd = process.cwd()): ServerSettings {
  const serveArtifacts = raw.serveArtifacts ?? envBool("CAIRN_SERVE_ARTIFACTS", "MLFLOW_SERVE_ARTIFACTS") ?? true;
  const destination =
    raw.artifactsDestination ?? env("CAIRN_ARTIFACTS_DESTINATION", "MLFLOW_ARTIFACTS_DESTINATION") ?? DEFAULT_ARTIFACTS_DESTINATION;
  // A URI (`s3://bucket/prefix`, `file:///srv/x`) stays as given; anything else is a folder.
  const artifactsDestination = /^[a-z][a-z0-9+.-]+:/i.test(destination) ? destination : path.resolve(cwd, destination);
  const gcInterval = raw.gcInterval ?? env("CAIRN_GC_INTERVAL");
  const explicitRoot = raw.defaultArtifactRoot ?? env("CAIRN_DEFAULT_ARTIFACT_ROOT", "MLFLOW_DEFAULT_ARTIFACT_ROOT");
  const defaultArtifactRoot = explicitRoot ?? (serveArtifacts ? "mlflow-artifacts:/" : pathToFileURL(path.resolve(cwd, "mlruns")).href);
  const port = Number(raw.port ?? env("CAIRN_PORT", "MLFLOW_PORT") ?? 5000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw.port}`);
  return {
    host: raw.host ?? env("CAIRN_HOST", "MLFLOW_HOST") ?? "127.0.0.1",
    port,
    backendStoreUri: raw.backendStoreUri ?? env("CAIRN_BACKEND_STORE_URI", "MLFLOW_BACKEND_STORE_URI") ?? DEFAULT_BACKEND_STORE_URI,
    artifactsDestination,
    defaultArtifactRoot,
    serveArtifacts,
    webhooksAllowPrivateIps:
      raw.webhooksAllowPrivateIps ?? envBool("CAIRN_WEBHOOKS_ALLOW_PRIVATE_IPS", "MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS") ?? false,
    // Only from the environment: a key on the command line would show in `ps`.
    webhooksSecretKey: env("CAIRN_WEBHOOKS_SECRET_KEY", "MLFLOW_WEBHOOK_SECRET_ENCRYPTION_KEY"),
    ...(gcInterval ? { gcIntervalMs: positiveDuration("--gc-interval", gcInterval) } : {}),
    gcRetentionMs: parseOlderThan(raw.gcRetention ?? env("CAIRN_GC_RETENTION") ?? DEFAULT_GC_RETENTION),
  };
}

function positiveDuration(flag: string, text: string): number {
  const ms = parseOlderThan(text);
  if (ms < 1000) throw new Error(`Invalid ${flag}: ${text} (at least one second, e.g. 1h or 30m)`);
  return ms;
}
