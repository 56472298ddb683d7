/**
 * Joins an artifact root URI and path segments with exactly one '/'. A root that ends right
 * after `scheme://` gets its empty authority closed with a '/' first, so a segment (a run id)
 * lands in the path and is never parsed as the host.
 */
export function appendToUri(root: string, ...segments: string[]): string {
  let out = /^[a-z][a-z0-9+.-]*:\/\/$/i.test(root) ? `${root}/` : root;
  for (const segment of segments) out = out.endsWith("/") ? `${out}${segment}` : `${out}/${segment}`;
  return out;
}

/** `<root>/<experiment_id>`, the location MLflow gives an experiment that names none. */
export function artifactLocationFor(root: string, experimentId: string): string {
  return appendToUri(root, experimentId);
}

/** `<experiment location>/<run_id>/artifacts`, the run's artifact URI. */
export function runArtifactUri(experimentLocation: string, runId: string): string {
  return appendToUri(experimentLocation, runId, "artifacts");
}
