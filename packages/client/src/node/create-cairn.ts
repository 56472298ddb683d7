import os from "node:os";
import path from "node:path";
import { openBackend } from "../backend/open-backend.js";
import { findProjectConfig } from "../config/project-config.js";
import { resolveTrackingUri } from "../config/resolve-tracking-uri.js";
import { FileJournal } from "../logging/file-journal.js";
import { LogPipeline, type LogPipelineOptions } from "../logging/log-pipeline.js";
import type { HttpTransportOptions } from "../rest/http-transport.js";
import { Cairn } from "../run/cairn.js";
import { registerExitHooks } from "./exit-hooks.js";
import { nodePlatform } from "./node-platform.js";
import { WorkerMetricSender } from "./worker-metric-sender.js";

export interface CreateCairnOptions extends Omit<LogPipelineOptions, "journal"> {
  /** Overrides MLFLOW_TRACKING_URI and `cairn.config.json`; default `./mlruns` in-process. */
  trackingUri?: string;
  /** Experiment name for runs that name none (default MLFLOW_EXPERIMENT_NAME, the config's, else Default). */
  experiment?: string;
  /**
   * Folder of the offline journal (REST only). Default: CAIRN_JOURNAL_DIR, the config's
   * `journalDir`, else `~/.cairn/journal`. `false` keeps undelivered entries in memory only.
   */
  journalDir?: string | false;
  /** REST transport options (retries, timeout, headers). */
  http?: Omit<HttpTransportOptions, "baseUrl">;
  /** Flush on exit and journal on signals (default true). */
  exitHooks?: boolean;
  /** Default for `startRun({ systemMetrics })` (default MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING). */
  systemMetrics?: boolean;
  /** Replay journal segments of live processes too (`cairn sync --force`). */
  claimLiveSegments?: boolean;
  /**
   * Encode and send metrics from a worker thread (REST only; default true), so a training loop
   * pays for a copy of each 1000-point block and nothing else. Off, or with a custom `http.fetch`,
   * they are sent from the main thread.
   */
  senderThread?: boolean;
}

/**
 * Opens a tracker for Node: resolves where to log (option, MLFLOW_TRACKING_URI,
 * `cairn.config.json`, else an in-process SQLite store in `./mlruns`), journals to disk while
 * a REST server is unreachable (and replays what earlier processes left there), and flushes on
 * exit.
 *
 * @example
 * const cairn = await createCairn({ trackingUri: "http://127.0.0.1:5000", experiment: "mnist" });
 * const run = await cairn.startRun({ name: "baseline", params: { lr: 0.01 } });
 * run.logMetrics({ loss: 0.3, acc: 0.9 }, { step: 1 });
 * await run.end();
 */
export async function createCairn(options: CreateCairnOptions = {}): Promise<Cairn> {
  const { uri } = resolveTrackingUri({ trackingUri: options.trackingUri });
  // The background logger journals when the server stays away, so it gives up sooner than
  // MLflow's 7 retries: a few seconds, not minutes, of blocked queue.
  const http = { retry: { maxRetries: 3, initialDelayMs: 250, maxDelayMs: 2_000 }, ...options.http };
  const backend = await openBackend({ trackingUri: uri, http });
  const config = findProjectConfig(process.cwd());
  const journalDir =
    options.journalDir === false
      ? null
      : (options.journalDir ?? process.env["CAIRN_JOURNAL_DIR"] ?? config?.journalDir ?? path.join(os.homedir(), ".cairn", "journal"));
  const journal =
    backend.kind === "rest" && journalDir
      ? new FileJournal(path.resolve(journalDir), backend.uri, { claimLive: options.claimLiveSegments })
      : null;
  const { fetch: customFetch, ...threadSafeHttp } = http;
  const metricSender =
    backend.kind === "rest" && options.senderThread !== false && !customFetch
      ? new WorkerMetricSender({ ...threadSafeHttp, baseUrl: backend.uri }, backend)
      : undefined;
  const pipeline = new LogPipeline(backend, { ...options, journal, metricSender });
  const env = process.env;
  const cairn = new Cairn(backend, pipeline, nodePlatform, {
    experiment: options.experiment ?? env["MLFLOW_EXPERIMENT_NAME"] ?? config?.experiment,
    experimentId: options.experiment === undefined ? env["MLFLOW_EXPERIMENT_ID"] : undefined,
    systemMetrics: options.systemMetrics,
  });
  if (options.exitHooks !== false) cairn.onClose(registerExitHooks(cairn));
  return cairn;
}
