import { CairnError } from "@cairn/core";

export type ModelUri =
  | { kind: "alias"; name: string; alias: string }
  | { kind: "version"; name: string; version: string }
  | { kind: "run"; runId: string; path: string };

/**
 * Parses the model URIs MLflow's loaders take: `models:/<name>@<alias>`, `models:/<name>/<version>`
 * and `runs:/<run id>/<path>`.
 *
 * @example
 * parseModelUri("models:/fraud@champion"); // { kind: "alias", name: "fraud", alias: "champion" }
 */
export function parseModelUri(uri: string): ModelUri {
  const models = /^models:\/+(.+)$/.exec(uri)?.[1];
  if (models !== undefined) {
    const at = models.lastIndexOf("@");
    if (at > 0) return { kind: "alias", name: models.slice(0, at), alias: models.slice(at + 1) };
    const slash = models.lastIndexOf("/");
    const version = models.slice(slash + 1);
    if (slash > 0 && /^\d+$/.test(version)) return { kind: "version", name: models.slice(0, slash), version };
  }
  const runs = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (runs) return { kind: "run", runId: runs[1] as string, path: (runs[2] ?? "").replace(/\/+$/, "") };
  throw new CairnError(
    "INVALID_PARAMETER_VALUE",
    `Not a model URI: '${uri}'. Use models:/<name>@<alias>, models:/<name>/<version> or runs:/<run_id>/<path>`,
  );
}
