import { invalidParameter } from "../errors/index.js";
import { decodedForms } from "./decode-until-stable.js";

/**
 * Schemes an experiment's artifact location may use: the ones MLflow's artifact repository
 * registry knows. The server reads only `mlflow-artifacts:` (its proxy), local folders and
 * `s3:`; the rest are opaque locations that clients write to directly, and server-side reads of
 * them answer NOT_IMPLEMENTED. `http(s)` is never fetched by the server (SSRF, CVE-2023-6974).
 */
export const ARTIFACT_LOCATION_SCHEMES = [
  "file",
  "mlflow-artifacts",
  "s3",
  "s3a",
  "gs",
  "wasbs",
  "abfss",
  "hdfs",
  "viewfs",
  "dbfs",
  "ftp",
  "sftp",
  "oss",
  "http",
  "https",
] as const;

/** Schemes whose locations are a path without an authority (`dbfs:/Volumes/x`), as Databricks writes them. */
const PATH_ONLY_SCHEMES: readonly string[] = ["mlflow-artifacts", "dbfs"];

const MAX_LOCATION_LENGTH = 2048;

function shown(uri: string): string {
  return uri.slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, "?");
}

/**
 * Checks a client-supplied `artifact_location` (mlflow-wire.md §10.2: CVE-2023-6909,
 * CVE-2024-1483/1594/2928/3848, the http SSRF report): an allowed scheme or an absolute
 * POSIX path, no fragment, query or `;` parameters, no traversal after decoding, no control
 * characters, a host where the scheme needs one, no encoded separator in a file URI. Returns
 * the location unchanged.
 */
export function validateArtifactLocation(uri: string): string {
  const invalid = () => invalidParameter(`Invalid artifact location '${shown(uri)}'`);
  if (uri.length > MAX_LOCATION_LENGTH) {
    throw invalidParameter(`Invalid artifact location: its length ${uri.length} exceeds the limit of ${MAX_LOCATION_LENGTH}`);
  }
  if (/^runs:/i.test(uri)) {
    throw invalidParameter(`Artifact location cannot be a runs:/ URI. Given: '${shown(uri)}'`);
  }
  const forms = decodedForms(uri);
  if (forms === null) throw invalid();
  // A location is a URI and is decoded as one (strictly, by fileURLToPath for file:), so its
  // own escapes must be well formed; only the deeper forms are decoded leniently.
  try {
    decodeURIComponent(uri);
  } catch {
    throw invalid();
  }
  for (const form of forms) {
    if (/[\u0000-\u001f\u007f#?;\\]/.test(form)) throw invalid();
    if (form.split("/").includes("..")) throw invalid();
  }
  if (uri.startsWith("/")) {
    // A plain absolute path is a local folder; `//host/...` is a UNC-like path and is not.
    if (uri.startsWith("//")) throw invalid();
    return uri;
  }
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(uri);
  const scheme = match?.[1]?.toLowerCase();
  // One letter is a Windows drive (`C:`), not a scheme.
  if (!match || !scheme || scheme.length < 2) throw invalid();
  if (!(ARTIFACT_LOCATION_SCHEMES as readonly string[]).includes(scheme)) {
    throw invalidParameter(
      `Invalid artifact location '${shown(uri)}': the scheme '${scheme}' is not one of ${ARTIFACT_LOCATION_SCHEMES.join(", ")}`,
    );
  }
  const rest = match[2] ?? "";
  if (scheme === "file") {
    // Only file:///abs/path (or file://localhost/abs/path): any other host is a remote share.
    if (!/^\/\/(localhost)?\/[^/]/.test(rest) && !/^\/[^/]/.test(rest)) throw invalid();
    // Its path is decoded once into a local path, where an encoded '/' or '\\' cannot be
    // represented (Node's fileURLToPath refuses it): every artifact call would fail later.
    if (forms.some((form) => /%(?:2f|5c)/i.test(form))) throw invalid();
    return uri;
  }
  // `mlflow-artifacts://` alone has an empty authority and no path: the run id appended to it
  // would be read as a host, and every run would share one folder.
  if (scheme === "mlflow-artifacts" && rest === "//") throw invalid();
  if (PATH_ONLY_SCHEMES.includes(scheme)) {
    if (scheme === "dbfs" && !/^\/(?:\/[^/]|[^/])/.test(rest)) throw invalid();
    return uri;
  }
  if (!/^\/\/[^/]+/.test(rest)) throw invalid();
  return uri;
}
