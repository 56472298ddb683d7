import type { FastifyInstance } from "fastify";
import { type PurgeDependencies, type PurgeReport, purgeDeleted } from "./purge-deleted.js";

/** The server's periodic purge: every `intervalMs`, what was deleted more than `retentionMs` ago. */
export interface GcSchedule {
  intervalMs: number;
  retentionMs: number;
  /** Told about each purge that removed something (the CLI prints it). */
  onReport?(report: PurgeReport): void;
}

/**
 * Runs `purgeDeleted` on a timer for as long as the server is up (MLflow has no such thing;
 * users ask for it in mlflow/mlflow#14988). Runs never overlap, the timer never keeps the
 * process alive, and a failed round is logged and retried at the next tick.
 */
export function scheduleGc(app: FastifyInstance, deps: PurgeDependencies, schedule: GcSchedule): void {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = purgeDeleted(deps, { olderThanMs: schedule.retentionMs })
      .then((report) => {
        if (report.runs.length > 0 || report.experiments.length > 0 || report.artifactErrors.length > 0) schedule.onReport?.(report);
      })
      .catch((error: unknown) => app.log.error({ err: error }, "scheduled garbage collection failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, schedule.intervalMs);
  timer.unref();
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await running;
  });
}
