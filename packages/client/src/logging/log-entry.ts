import type { DatasetInput, Metric, Param, RunStatus, Tag } from "@cairn/core";
import type { MetricBlock } from "./metric-block.js";

/**
 * One queued write. Runs are named by the SDK's local id (a uuid hex made when the run was
 * started), so writes to a run started while offline can wait in the journal until the server
 * gives the run its id.
 */
export type LogEntry =
  | {
      kind: "createRun";
      run: string;
      /** One of the two: an id, or a name to find or create. */
      experimentId?: string;
      experimentName?: string;
      runName?: string;
      /** The parent run's local id: its server id becomes the `mlflow.parentRunId` tag. */
      parentRun?: string;
      startTime: number;
      tags: Tag[];
      userId?: string;
    }
  | { kind: "log"; run: string; metrics: Metric[]; params: Param[]; tags: Tag[] }
  /** Metric points in columns, in memory only: the journal stores them as a `log` entry. */
  | { kind: "metrics"; run: string; block: MetricBlock }
  | { kind: "updateRun"; run: string; status: RunStatus; endTime: number }
  | { kind: "logInputs"; run: string; datasets: DatasetInput[] }
  | { kind: "logModel"; run: string; model: Record<string, unknown> }
  | {
      kind: "artifact";
      run: string;
      /** Path below the run's artifact root, '/'-separated. */
      path: string;
      /** In memory; replaced by `blob` (a file beside the journal) once journalled. */
      bytes?: Uint8Array;
      blob?: string;
    };

/** A local run id bound to the server's run id and artifact URI. */
export interface RunBinding {
  run: string;
  id: string;
  artifactUri: string;
}

/** The tag carrying the local id, so a replayed run creation finds the run it already made. */
export const LOCAL_RUN_ID_TAG = "cairn.localRunId";

/** MLflow's tag that nests a run under its parent (pipeline steps). */
export const PARENT_RUN_ID_TAG = "mlflow.parentRunId";

/** Items an entry holds, for the queue's bound and the batch trigger. */
export function entrySize(entry: LogEntry): number {
  switch (entry.kind) {
    case "log":
      return entry.metrics.length + entry.params.length + entry.tags.length;
    case "metrics":
      return entry.block.length;
    case "createRun":
    case "updateRun":
    case "logInputs":
    case "logModel":
    case "artifact":
      return 1;
    default:
      return assertNever(entry);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
