import type { Handler } from "./handler.js";

const s = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export const artifactHandlers = {
  async listArtifacts({ store, artifacts }, req) {
    const runId = (s(req["run_id"]) || s(req["run_uuid"])) ?? "";
    const run = await store.getRun(runId);
    const files = await artifacts.listRunArtifacts(run.info.artifact_uri, s(req["path"]) ?? "");
    return { root_uri: run.info.artifact_uri, files };
  },
} satisfies Record<string, Handler>;
