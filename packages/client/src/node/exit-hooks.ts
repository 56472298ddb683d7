import type { Cairn } from "../run/cairn.js";

const trackers = new Set<Cairn>();
let installed = false;
/** How long a signal waits for delivery before journalling the rest and exiting. */
const SIGNAL_FLUSH_MS = 3_000;

/**
 * Makes process exit lose nothing: on `beforeExit` active runs end FINISHED and the queue is
 * flushed (MLflow's atexit does the same); on SIGINT/SIGTERM runs end KILLED, delivery gets a
 * few seconds, the rest is journalled and the signal is re-raised; on `exit` (e.g. an explicit
 * `process.exit()`), whatever is left is journalled synchronously. The listeners never keep the
 * process alive. Returns the function that unregisters the tracker.
 *
 * @example
 * const unregister = registerExitHooks(cairn);
 */
export function registerExitHooks(cairn: Cairn): () => void {
  trackers.add(cairn);
  if (!installed) {
    installed = true;
    process.on("beforeExit", onBeforeExit);
    process.on("exit", onExit);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  return () => {
    trackers.delete(cairn);
    if (trackers.size === 0) uninstall();
  };
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("beforeExit", onBeforeExit);
  process.off("exit", onExit);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

function onBeforeExit(): void {
  // Only act when there is work, or beforeExit would fire forever.
  const busy = [...trackers].filter((cairn) => cairn.activeRuns.length > 0 || cairn.pipeline.queuedItems > 0);
  if (busy.length === 0) return;
  for (const cairn of busy) cairn.endActiveRuns("FINISHED");
  void Promise.all(busy.map((cairn) => cairn.flush()));
}

function onExit(): void {
  for (const cairn of trackers) {
    cairn.endActiveRuns("FINISHED");
    cairn.pipeline.journalNow();
  }
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  const all = [...trackers];
  for (const cairn of all) cairn.endActiveRuns("KILLED");
  await Promise.race([
    Promise.all(all.map((cairn) => cairn.flush())),
    new Promise((resolve) => setTimeout(resolve, SIGNAL_FLUSH_MS).unref()),
  ]);
  for (const cairn of all) cairn.pipeline.journalNow();
  uninstall();
  // Nobody else handles the signal: let its default action end the process.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
