import { SystemMetricsSampler } from "./system-metrics-sampler.js";

/** MLflow's environment switches (mlflow-wire.md §8.1). */
export function systemMetricsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env["MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING"] ?? "").toLowerCase() === "true";
}

/**
 * Samples every `MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL` seconds (default 10), averages
 * `MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING` samples (default 1) into one point, and logs
 * it as `system/<name>` (or `system/<node id>/<name>`) with a counter as the step. The timer
 * never keeps the process alive. Returns the stop function.
 *
 * @example
 * const stop = startSystemMetrics((metrics, step) => run.logMetrics(metrics, { step }));
 */
export function startSystemMetrics(
  log: (metrics: Record<string, number>, step: number) => void,
  env: NodeJS.ProcessEnv = process.env,
): () => void {
  const intervalMs = Number(env["MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL"] ?? 10) * 1000;
  const perPoint = Math.max(1, Number(env["MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING"] ?? 1));
  const nodeId = env["MLFLOW_SYSTEM_METRICS_NODE_ID"];
  const prefix = nodeId ? `system/${nodeId}/` : "system/";
  const sampler = new SystemMetricsSampler();
  let samples: Record<string, number>[] = [];
  let step = 0;
  let stopped = false;
  const timer = setInterval(async () => {
    const sample = await sampler.sample();
    if (stopped) return;
    samples.push(sample);
    if (samples.length < perPoint) return;
    const averaged: Record<string, number> = {};
    for (const key of Object.keys(sample)) {
      const values = samples.map((item) => item[key]).filter((value): value is number => value !== undefined);
      averaged[`${prefix}${key}`] = values.reduce((sum, value) => sum + value, 0) / values.length;
    }
    samples = [];
    log(averaged, step);
    step += 1;
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
