import { fileURLToPath } from "node:url";
import { invalidParameter } from "@cairn/core";

/**
 * The local folder a run's `file:` URI or plain absolute path names. Run URIs come from the
 * database, where rows written before today's checks (or by another server) may hold a URI Node
 * cannot turn into a path (an encoded '/', a remote host, a bad escape): that is the stored
 * location's fault, so it is a 400 that names it, never an internal error.
 */
export function localArtifactRoot(artifactUri: string): string {
  if (artifactUri.startsWith("/")) return artifactUri;
  try {
    return fileURLToPath(artifactUri);
  } catch {
    throw unreadableLocation(artifactUri);
  }
}

/** The error for a run artifact URI this server cannot interpret. */
export function unreadableLocation(artifactUri: string): Error {
  const shown = artifactUri.slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, "?");
  return invalidParameter(`Invalid artifact location '${shown}': this server cannot read artifacts from it`);
}
