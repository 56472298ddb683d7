import type { Tag } from "@cairn/core";

/**
 * What the run API needs of its host that a browser does not have: files, provenance and
 * system metrics. The Node entry supplies `nodePlatform`; the browser entry one that refuses
 * file paths and logs no provenance.
 */
export interface Platform {
  readFile(path: string): Promise<Uint8Array>;
  /** Every file below `dir`, as paths relative to it ('/'-separated). */
  listFiles(dir: string): Promise<string[]>;
  basename(path: string): string;
  /** The tags MLflow sets on every run it starts (source, user, git). */
  provenanceTags(): Tag[];
  /** Starts sampling system metrics into `log`; returns the stop function. */
  startSystemMetrics?(log: (metrics: Record<string, number>, step: number) => void): () => void;
  /** The default when `startRun` does not say (MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING). */
  systemMetricsByDefault(): boolean;
}
