import { file, send, url } from "./http.js";
import type { Experiment, FileInfo, Metric, Run } from "./types.js";

export type ViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export interface RunsPage {
  runs: Run[];
  nextPageToken?: string;
}

/** MLflow's tracking REST API, as the UI uses it (through the SDK, which normalises the answers). */
export const tracking = {
  async searchExperiments(input: { filter?: string; viewType?: ViewType; pageToken?: string; maxResults?: number; orderBy?: string[] }) {
    const out = await send((client) =>
      client.searchExperiments({
        filter: input.filter || undefined,
        view_type: input.viewType ?? "ACTIVE_ONLY",
        max_results: input.maxResults ?? 1000,
        order_by: input.orderBy,
        page_token: input.pageToken,
      }),
    );
    return { experiments: out.experiments, nextPageToken: out.next_page_token };
  },
  async getExperiment(id: string): Promise<Experiment> {
    return (await send((client) => client.getExperiment({ experiment_id: id }))).experiment;
  },
  async createExperiment(name: string): Promise<string> {
    return (await send((client) => client.createExperiment({ name }))).experiment_id;
  },
  renameExperiment: (id: string, newName: string) => send((client) => client.updateExperiment({ experiment_id: id, new_name: newName })),
  deleteExperiment: (id: string) => send((client) => client.deleteExperiment({ experiment_id: id })),
  restoreExperiment: (id: string) => send((client) => client.restoreExperiment({ experiment_id: id })),
  setExperimentTag: (id: string, key: string, value: string) =>
    send((client) => client.setExperimentTag({ experiment_id: id, key, value })),
  deleteExperimentTag: (id: string, key: string) => send((client) => client.deleteExperimentTag({ experiment_id: id, key })),
  async searchRuns(
    input: { experimentIds: string[]; filter?: string; orderBy?: string[]; viewType?: ViewType; maxResults: number; pageToken?: string },
    signal?: AbortSignal,
  ): Promise<RunsPage> {
    const out = await send((client) =>
      client.searchRuns(
        {
          experiment_ids: input.experimentIds,
          filter: input.filter || undefined,
          order_by: input.orderBy,
          run_view_type: input.viewType ?? "ACTIVE_ONLY",
          max_results: input.maxResults,
          page_token: input.pageToken,
        },
        { signal },
      ),
    );
    return { runs: out.runs, nextPageToken: out.next_page_token };
  },
  async getRun(id: string): Promise<Run> {
    return (await send((client) => client.getRun({ run_id: id }))).run;
  },
  deleteRun: (id: string) => send((client) => client.deleteRun({ run_id: id })),
  restoreRun: (id: string) => send((client) => client.restoreRun({ run_id: id })),
  setTag: (runId: string, key: string, value: string) => send((client) => client.setTag({ run_id: runId, key, value })),
  deleteTag: (runId: string, key: string) => send((client) => client.deleteTag({ run_id: runId, key })),
  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return (await send((client) => client.getMetricHistory({ run_id: runId, metric_key: key, max_results: 25_000 }))).metrics;
  },
  async listArtifacts(runId: string, path: string): Promise<{ rootUri: string; files: FileInfo[] }> {
    const out = await send((client) => client.listArtifacts({ run_id: runId, path: path || undefined }));
    return { rootUri: out.root_uri ?? "", files: out.files };
  },
  /** `/get-artifact`, the UI's run-artifact download (an attachment, never rendered as a page). */
  artifactUrl: (runId: string, path: string) => url("/get-artifact", { run_id: runId, path }),
  readArtifact: (runId: string, path: string, as: "text" | "blob") => file("/get-artifact", { run_id: runId, path }, as),
};
