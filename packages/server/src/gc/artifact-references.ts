import type { ModelVersionReference } from "@cairn/core";

/** A location without trailing slashes, so prefixes compare segment by segment. */
function normalise(location: string): string {
  return location.replace(/\/+$/, "");
}

/** Whether `location` is `root` or lies below it. */
export function isAtOrBelow(location: string, root: string): boolean {
  const a = normalise(location);
  const b = normalise(root);
  return b !== "" && (a === b || a.startsWith(`${b}/`));
}

/**
 * The model versions that need a run's artifacts: the version names the run, its source is
 * `runs:/<run>/…`, or its source or storage location lies in the run's artifact folder.
 * Soft-deleted versions count too: the registry keeps their rows, and a purge is forever.
 */
export function versionsUsingRun(refs: ModelVersionReference[], runId: string, artifactUri: string): ModelVersionReference[] {
  return refs.filter(
    (ref) =>
      ref.runId === runId ||
      ref.source === `runs:/${runId}` ||
      ref.source.startsWith(`runs:/${runId}/`) ||
      isAtOrBelow(ref.source, artifactUri) ||
      (ref.storageLocation !== null && isAtOrBelow(ref.storageLocation, artifactUri)),
  );
}

/** The model versions whose files lie at or below `root`. */
export function versionsBelow(refs: ModelVersionReference[], root: string): ModelVersionReference[] {
  return refs.filter((ref) => isAtOrBelow(ref.source, root) || (ref.storageLocation !== null && isAtOrBelow(ref.storageLocation, root)));
}
