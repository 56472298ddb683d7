import { invalidParameter } from "../errors/index.js";
import { validateArtifactPath } from "./artifact-path.js";
import { decodeUntilStable } from "./decode-until-stable.js";

/**
 * Remote schemes a version's source may name. The server never dereferences them (no SSRF,
 * CVE-2023-6018/6974): they are stored and handed back to clients by get-download-uri.
 */
export const REMOTE_SOURCE_SCHEMES = [
  "s3",
  "s3a",
  "gs",
  "wasb",
  "wasbs",
  "abfs",
  "abfss",
  "http",
  "https",
  "hdfs",
  "viewfs",
  "dbfs",
  "oss",
  "ftp",
  "sftp",
] as const;

/** What a source was recognised as; `runs` carries the run and the path inside its artifacts. */
export type ModelVersionSource =
  | { kind: "runs"; runId: string; path: string }
  | { kind: "models" }
  | { kind: "mlflow-artifacts" }
  | { kind: "remote" }
  | { kind: "run-local" };

export interface SourceContext {
  /** The artifact URI of the run named by the request's `run_id`, when one was given and exists. */
  runArtifactUri?: string;
}

const MAX_SOURCE_LENGTH = 4096;
const RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;

function shown(source: string): string {
  return source.slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, "?");
}

function refusedRemote(source: string): Error {
  return invalidParameter(
    `Invalid model version source: '${shown(source)}'. If supplying a source as an http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references present. Please provide an absolute path.`,
  );
}

function refusedLocal(source: string): Error {
  return invalidParameter(
    `Invalid model version source: '${shown(source)}'. To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.`,
  );
}

/**
 * The local absolute path a `file:` URI or plain path names, or null when it is not a plain
 * local path (a `file://<host>/` share, a UNC `//host/` path, a relative path).
 */
function localPath(uri: string): string | null {
  const file = /^file:(.*)$/i.exec(uri);
  const rest = file ? (file[1] ?? "") : uri;
  if (file) {
    if (/^\/\/(localhost)?\/[^/]/i.test(rest)) return rest.replace(/^\/\/(localhost)?/i, "");
    if (/^\/[^/]/.test(rest)) return rest;
    return null;
  }
  return /^\/[^/]/.test(rest) ? rest : null;
}

/** Whether `inner` is `root` or lies below it (both absolute, already free of `.`/`..`). */
function isInside(inner: string, root: string): boolean {
  const base = root.replace(/\/+$/, "");
  return inner === base || inner.startsWith(`${base}/`);
}

/**
 * The one check every model version `source` goes through (mlflow-wire.md §5 and §10.2:
 * CVE-2023-1177/2780/2356/6977, CVE-2024-1558/3573, CVE-2026-2614/116690 and the encoded
 * variants of fix #8648). Prompt versions get no bypass.
 *
 * Allowed: `runs:/<run_id>/<path>`, `models:/…`, `mlflow-artifacts:/…`, remote schemes of
 * `REMOTE_SOURCE_SCHEMES` with a host, and a local path only when it lies inside the artifact
 * folder of the run named by `run_id`. Every form is decoded until stable first and refused
 * with NUL or control characters, backslashes, `#`, `?`, `;` parameters, `.`/`..` segments or
 * empty path segments. Anything else that could reach the local filesystem (`file:`, plain or
 * relative paths, Windows drives, UNC and `//host` paths) is refused with
 * INVALID_PARAMETER_VALUE; messages never depend on what exists on disk (CVE-2023-1176).
 *
 * @example
 * validateModelVersionSource("runs:/0a1b/model", {});   // { kind: "runs", runId: "0a1b", path: "model" }
 * validateModelVersionSource("file:///etc", {});        // throws INVALID_PARAMETER_VALUE
 */
export function validateModelVersionSource(source: string, context: SourceContext = {}): ModelVersionSource {
  if (source.length > MAX_SOURCE_LENGTH) throw refusedRemote(source);
  const decoded = decodeUntilStable(source);
  if (decoded === null) throw refusedRemote(source);
  for (const form of [source, decoded]) {
    if (/[\u0000-\u001f\u007f\\#?;]/.test(form)) throw refusedRemote(source);
  }
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(source);
  const scheme = match?.[1]?.toLowerCase();
  // No scheme, or one letter (a Windows drive such as `C:`, CVE-2024-3573): a local path.
  if (!match || scheme === undefined || scheme.length < 2 || scheme === "file") return checkLocal(source, decoded, context);
  const rest = match[2] ?? "";
  const decodedRest = decoded.slice(decoded.indexOf(":") + 1);
  switch (scheme) {
    case "runs": {
      const parts = /^\/([^/]+)(?:\/(.*))?$/.exec(rest);
      const runId = parts?.[1];
      if (!parts || runId === undefined || !RUN_ID.test(runId)) throw refusedRemote(source);
      return { kind: "runs", runId, path: safeRelative(parts[2] ?? "", source) };
    }
    case "models":
      if (!/^\/[^/]/.test(rest)) throw refusedRemote(source);
      refuseTraversal(rest.slice(1), decodedRest.slice(1), source);
      return { kind: "models" };
    case "mlflow-artifacts": {
      // `mlflow-artifacts:/path` or `mlflow-artifacts://host:port/path`.
      const path = /^\/\/[^/]+(\/.*)?$/.test(rest) ? rest.replace(/^\/\/[^/]+/, "") : rest;
      if (!/^\/[^/]/.test(path)) throw refusedRemote(source);
      refuseTraversal(path.slice(1), decodeUntilStable(path)?.slice(1) ?? "..", source);
      return { kind: "mlflow-artifacts" };
    }
    default: {
      if (!(REMOTE_SOURCE_SCHEMES as readonly string[]).includes(scheme)) throw refusedRemote(source);
      const authority = /^\/\/([^/]+)(\/.*)?$/.exec(rest);
      const host = authority?.[1];
      if (scheme === "dbfs" && /^\/[^/]/.test(rest)) {
        refuseTraversal(rest.slice(1), decodedRest.slice(1), source);
        return { kind: "remote" };
      }
      if (!authority || host === undefined) throw refusedRemote(source);
      const path = authority[2] ?? "";
      refuseTraversal(path.replace(/^\//, ""), decodeUntilStable(path)?.replace(/^\//, "") ?? "..", source);
      return { kind: "remote" };
    }
  }
}

/** A path must mean what it says: no `.`/`..` segments and no empty ones, raw or decoded. */
function refuseTraversal(path: string, decodedPath: string, source: string): void {
  for (const form of [path, decodedPath]) {
    if (form === "") continue;
    const segments = form.replace(/\/$/, "").split("/");
    if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) throw refusedRemote(source);
  }
}

function safeRelative(path: string, source: string): string {
  try {
    return validateArtifactPath(path);
  } catch {
    throw refusedRemote(source);
  }
}

function checkLocal(source: string, decoded: string, context: SourceContext): ModelVersionSource {
  const root = context.runArtifactUri === undefined ? null : localPath(context.runArtifactUri);
  const raw = localPath(source);
  const plain = localPath(decoded);
  if (root === null || raw === null || plain === null) throw refusedLocal(source);
  refuseTraversal(raw.slice(1), plain.slice(1), source);
  if (!isInside(raw, root) || !isInside(plain, root)) throw refusedLocal(source);
  return { kind: "run-local" };
}
