/** Every page of the UI, parsed from the path. */
export type Route =
  | { page: "experiments" }
  | { page: "runs"; experimentIds: string[] }
  | { page: "run"; runId: string }
  | { page: "compare" }
  | { page: "models" }
  | { page: "model"; name: string }
  | { page: "version"; name: string; version: string }
  | { page: "not-found" };

const segments = (path: string) =>
  path
    .split("/")
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));

/**
 * `/` experiments · `/experiments/1,2` runs of one or several experiments · `/runs/<id>` a run ·
 * `/compare?runs=a,b` · `/models` · `/models/<name>` · `/models/<name>/versions/<v>`.
 */
export function matchRoute(path: string): Route {
  let parts: string[];
  try {
    parts = segments(path);
  } catch {
    return { page: "not-found" };
  }
  const [first, second, third, fourth] = parts;
  if (parts.length === 0 || (first === "experiments" && parts.length === 1)) return { page: "experiments" };
  if (first === "experiments" && second && parts.length === 2) return { page: "runs", experimentIds: second.split(",").filter(Boolean) };
  if (first === "runs" && second && parts.length === 2) return { page: "run", runId: second };
  if (first === "compare" && parts.length === 1) return { page: "compare" };
  if (first === "models" && parts.length === 1) return { page: "models" };
  if (first === "models" && second && parts.length === 2) return { page: "model", name: second };
  if (first === "models" && second && third === "versions" && fourth && parts.length === 4)
    return { page: "version", name: second, version: fourth };
  return { page: "not-found" };
}

export const paths = {
  experiments: () => "/",
  runs: (experimentIds: string[]) => `/experiments/${experimentIds.map(encodeURIComponent).join(",")}`,
  run: (runId: string) => `/runs/${encodeURIComponent(runId)}`,
  compare: (runIds: string[]) => `/compare?runs=${runIds.map(encodeURIComponent).join(",")}`,
  models: () => "/models",
  model: (name: string) => `/models/${encodeURIComponent(name)}`,
  version: (name: string, version: string) => `/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`,
};
