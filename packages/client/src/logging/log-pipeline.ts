import type { Metric, Param, Tag } from "@cairn/core";
import type { Backend } from "../backend/backend.js";
import { isTransient } from "../rest/transient-error.js";
import { EntryOutcomes } from "./entry-outcomes.js";
import { EntrySender } from "./entry-sender.js";
import type { Journal, JournalSegment } from "./journal.js";
import { JournalSpool } from "./journal-spool.js";
import { entrySize, type LogEntry, type RunBinding } from "./log-entry.js";
import { LogQueue, type MetricsEntry, READY } from "./log-queue.js";
import { backendMetricSender, type MetricSender } from "./metric-sender.js";
import { ProbeSchedule } from "./probe-schedule.js";
import { RunBindings } from "./run-bindings.js";
import { RunCreator } from "./run-creator.js";
import { LOG_BATCH_LIMITS } from "./split-log-batch.js";

export interface LogPipelineOptions {
  /** Longest time an entry waits in memory before it is sent (default 500 ms). */
  flushIntervalMs?: number;
  /** Queued items (metrics + params + tags) that trigger a send at once (default 1000, one full log-batch). */
  batchSize?: number;
  /** Above this many queued items, logging calls return a promise that waits for room (default 100 000). */
  maxQueueItems?: number;
  /** Where entries go while the backend is unreachable; null keeps them in memory. */
  journal?: Journal | null;
  /** First wait between reachability probes while offline; doubles up to `maxProbeIntervalMs`. */
  probeIntervalMs?: number;
  maxProbeIntervalMs?: number;
  /** Called for entries the backend refused (4xx): they are dropped, not retried. */
  onError?: (error: Error, entry: LogEntry) => void;
  /** Sends metric blocks (default: through the backend on this thread; Node's REST tracker uses a worker thread). */
  metricSender?: MetricSender;
  /** Metric log-batch calls in flight at once (default 4). Metrics are order-free on the server. */
  maxInFlight?: number;
}

/**
 * The background logger. Logging calls append to an in-memory queue and return at once; a
 * flusher sends the queue in order as log-batch calls within MLflow's limits, by size
 * (`batchSize`) and by time (`flushIntervalMs`). Metric points go to columnar blocks of one
 * log-batch each (one open block per run, which later points join even when params or tags
 * were queued after it: metrics are order-free on the server), so a logging call allocates
 * nothing; up to `maxInFlight` blocks are sent at once through the `MetricSender`, while every
 * other entry waits for them and goes alone, in order. When the backend stays unreachable after the
 * transport's retries, the queue goes to the durable journal and the flusher probes until the
 * backend is back, then replays the journal in order (first segments left by dead processes,
 * then its own) before sending from memory again. Replays are idempotent: MLflow ignores
 * exact duplicate metrics, same-value params are no-ops, tags overwrite in order, and a run
 * creation first looks for the run by its local id tag.
 *
 * This class runs the send cycles; its parts each live in their own file: `LogQueue` (the
 * queue, metric blocks, backpressure), `RunBindings` (local run ids to server ids),
 * `RunCreator`, `EntrySender` (an entry's backend calls), `EntryOutcomes` (who hears of a
 * delivery or a refusal), `JournalSpool` (spooling and replay) and `ProbeSchedule`.
 *
 * @example
 * const pipeline = new LogPipeline(backend, { journal: new FileJournal(dir, backend.uri) });
 * pipeline.enqueue({ kind: "createRun", run: localId, experimentId: "0", startTime: Date.now(), tags: [] });
 * pipeline.log(localId, [{ key: "loss", value: 0.5, timestamp: Date.now(), step: 0 }], [], []);
 * await pipeline.flush();
 */
export class LogPipeline {
  readonly backend: Backend;
  readonly #flushIntervalMs: number;
  readonly #batchSize: number;
  readonly #maxInFlight: number;

  readonly #queue: LogQueue;
  readonly #runs: RunBindings;
  readonly #sender: MetricSender;
  readonly #entries: EntrySender;
  readonly #outcomes: EntryOutcomes;
  /** Null without a journal (a browser): entries then wait in memory while offline. */
  readonly #spool: JournalSpool | null;
  readonly #probes: ProbeSchedule;

  /** Entries taken from the queue and not yet delivered (journalled too on a hard exit). */
  readonly #inFlight = new Set<LogEntry>();
  /** The running cycle sends partly filled blocks too (a flush, or the timer). */
  #drain = false;
  #offline = false;
  #cycle: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #immediate = false;
  #closed = false;
  #cycleFailures = 0;
  #kickAgain = false;

  constructor(backend: Backend, options: LogPipelineOptions = {}) {
    this.backend = backend;
    const journal = options.journal ?? null;
    this.#runs = new RunBindings(journal);
    const creator = new RunCreator(backend, this.#runs);
    this.#spool = journal ? new JournalSpool(journal, this.#runs, creator) : null;
    this.#flushIntervalMs = options.flushIntervalMs ?? 500;
    this.#batchSize = options.batchSize ?? LOG_BATCH_LIMITS.metrics;
    this.#queue = new LogQueue(options.maxQueueItems ?? 100_000);
    this.#probes = new ProbeSchedule(options.probeIntervalMs ?? 500, options.maxProbeIntervalMs ?? 5_000);
    this.#sender = options.metricSender ?? backendMetricSender(backend);
    this.#entries = new EntrySender(backend, {
      runs: this.#runs,
      creator,
      metricSender: this.#sender,
      keys: this.#queue.keys,
      spool: this.#spool,
    });
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 4);
    this.#outcomes = new EntryOutcomes(this.#runs, options.onError);
  }

  /** True while the backend is unreachable and entries go to the journal. */
  get offline(): boolean {
    return this.#offline;
  }

  /** Items waiting in memory. */
  get queuedItems(): number {
    return this.#queue.items;
  }

  /** Errors of entries the backend refused, oldest first. */
  get errors(): readonly Error[] {
    return this.#outcomes.errors;
  }

  /** The server id and artifact URI of a run, once known. */
  bindingOf(run: string): RunBinding | undefined {
    return this.#runs.get(run);
  }

  /**
   * Resolves with the run's binding once the server created it, or with null if the backend
   * went offline first (the run keeps its local id until the journal is replayed).
   */
  whenBound(run: string): Promise<RunBinding | null> {
    const known = this.#runs.get(run);
    if (known) return Promise.resolve(known);
    const failed = this.#runs.failure(run);
    if (failed) return Promise.reject(failed);
    if (this.#offline) return Promise.resolve(null);
    const bound = this.#runs.waitFor(run);
    this.#kickSoon();
    return bound;
  }

  /** Resolves once the run is bound, however long the backend is away. */
  async serverBinding(run: string): Promise<RunBinding> {
    for (;;) {
      const binding = await this.whenBound(run);
      if (binding) return binding;
      await this.waitForDelivery(60_000);
    }
  }

  /**
   * Queues an entry. The promise resolves at once while the queue has room, or once it has
   * room again (backpressure: await it in tight loops to bound memory).
   */
  enqueue(entry: LogEntry): Promise<void> {
    if (entry.kind === "createRun" && this.#runs.has(entry.run)) return READY;
    this.#queue.push(entry);
    return this.#added(entrySize(entry));
  }

  /**
   * Queues an artifact upload; the promise settles once it reached the backend (or the
   * journal) and rejects if the backend refused it.
   */
  enqueueTracked(entry: LogEntry): Promise<void> {
    const outcome = this.#outcomes.track(entry);
    void this.enqueue(entry);
    // Someone awaits this one: send it now rather than at the next tick of the timer.
    this.#kickSoon();
    return outcome;
  }

  /** Queues metrics, params and tags for a run; params and tags merge into the queue's last entry when it is for the same run. */
  log(run: string, metrics: Metric[], params: Param[], tags: Tag[]): Promise<void> {
    for (const metric of metrics) this.#queue.pushPoint(run, metric.key, metric.value, metric.timestamp, metric.step);
    const size = params.length + tags.length;
    if (size > 0) this.#queue.pushParamsAndTags(run, params, tags);
    return this.#added(metrics.length + size);
  }

  /** Adds one metric point. */
  logMetric(run: string, metric: Metric): Promise<void> {
    return this.logPoint(run, metric.key, metric.value, metric.timestamp, metric.step);
  }

  /** Adds one metric point without a metric object. */
  logPoint(run: string, key: string, value: number, timestamp: number, step: number): Promise<void> {
    this.#queue.pushPoint(run, key, value, timestamp, step);
    return this.#added(1);
  }

  /**
   * Adds a point per key of `values`, all at one step and time: the hot path of training
   * loops. Writes into the run's columnar block; allocates nothing and returns a shared
   * resolved promise unless the queue is full.
   */
  logMetricValues(run: string, values: Readonly<Record<string, number>>, step: number, timestamp: number): Promise<void> {
    let count = 0;
    for (const key in values) {
      this.#queue.pushPoint(run, key, values[key] as number, timestamp, step);
      count += 1;
    }
    return this.#added(count);
  }

  /**
   * Resolves when everything queued before the call was delivered, or was journalled because
   * the backend is unreachable. Never hangs on a dead server.
   */
  async flush(): Promise<void> {
    for (;;) {
      const failures = this.#cycleFailures;
      await this.#kick(true);
      if (this.#queue.length === 0 && !this.#cycle) return;
      if ((this.#offline && !this.#spool) || this.#cycleFailures !== failures) return;
    }
  }

  /**
   * Waits until nothing is left in memory, in the journal or in claimed segments, probing the
   * backend while offline. Resolves true when delivered, false at the timeout.
   */
  async waitForDelivery(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.flush();
      if (!this.#offline && (this.#spool?.isEmpty() ?? true) && this.#queue.length === 0) {
        return true;
      }
      if (Date.now() >= deadline) return false;
      this.#probes.bringForward(100);
      await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
    }
  }

  /**
   * Synchronously moves everything undelivered (in memory and in flight) to the journal: the
   * last step of a process exit, where nothing asynchronous may run.
   */
  journalNow(): boolean {
    if (!this.#spool) return false;
    const entries = this.#queue.forJournal([...this.#inFlight, ...this.#queue.entries]);
    if (entries.length === 0) return true;
    this.#spool.append(entries);
    this.#queue.clear();
    this.#inFlight.clear();
    return true;
  }

  /** Stops the timers after a final flush; later logging calls are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#sender.close();
  }

  /** Counts newly queued items: a full batch is sent at once, anything less when the timer fires. */
  #added(size: number): Promise<void> {
    const room = this.#queue.added(size);
    if (this.#queue.items >= this.#batchSize) this.#kickSoon();
    else this.#schedule();
    return room;
  }

  #kickSoon(): void {
    if (this.#cycle) {
      // The running cycle may already have looked at the queue: go again right after it.
      this.#kickAgain = true;
      return;
    }
    if (this.#immediate || this.#closed) return;
    this.#immediate = true;
    setImmediate(() => {
      this.#immediate = false;
      void this.#kick(false);
    });
  }

  /** Starts a send cycle unless one runs; `drain` makes it send partly filled blocks too. */
  #kick(drain: boolean): Promise<void> {
    if (drain) this.#drain = true;
    if (!this.#cycle) {
      this.#cycle = this.#runCycle()
        .catch((error: unknown) => {
          // A bug or a journal write failure: keep the process alive and say so.
          this.#cycleFailures += 1;
          console.error("[cairn] background logger failed:", error);
        })
        .finally(() => {
          this.#cycle = null;
          this.#drain = false;
          if (this.#kickAgain && this.#queue.length > 0 && !this.#offline) {
            this.#kickAgain = false;
            this.#kickSoon();
          } else {
            this.#kickAgain = false;
            this.#schedule();
          }
        });
    }
    return this.#cycle;
  }

  #schedule(): void {
    if (this.#timer || this.#closed || this.#cycle) return;
    const work = this.#queue.length > 0 || this.#offline || this.#spool?.hasClaimed;
    if (!work) return;
    const delay = this.#offline ? Math.max(10, Math.min(this.#flushIntervalMs, this.#probes.nextAt - Date.now())) : this.#flushIntervalMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#kick(true);
    }, delay);
    // Never keep the process alive for the logger: exit hooks flush instead.
    this.#timer.unref?.();
  }

  async #runCycle(): Promise<void> {
    this.#spool?.claimOrphansOnce();
    if (this.#offline) {
      if (this.#spool && this.#queue.length > 0) this.#moveQueueToJournal([]);
      if (Date.now() < this.#probes.nextAt) return;
      if (!(await this.backend.ping())) {
        this.#probes.backOff();
        return;
      }
    }
    if (this.#spool?.hasClaimed || this.#offline) {
      const replayed = this.#spool ? await this.#spool.replay((entry, segment) => this.#sendOne(entry, segment)) : true;
      if (!replayed) {
        this.#goOffline([]);
        this.#probes.backOff();
        return;
      }
      this.#offline = false;
      this.#probes.reset();
    }
    const left = await this.#sendQueue();
    if (left.length > 0) {
      this.#inFlight.clear();
      this.#goOffline(left);
      this.#probes.backOff();
    }
  }

  /**
   * Sends the queue from its head: metric blocks up to `maxInFlight` at once, any other entry
   * alone once the blocks before it settled (so a run exists before its points go, and params
   * and tags keep their order). Outside a drain, a partly filled block waits for more points
   * unless plenty is queued. Returns what is left undelivered because the backend became
   * unreachable; the rest of the queue stays queued.
   */
  async #sendQueue(): Promise<LogEntry[]> {
    const pending = new Set<Promise<void>>();
    const failed: LogEntry[] = [];
    for (;;) {
      const head = this.#queue.entries[0];
      if (head && failed.length === 0 && this.#mayTake(head, pending.size)) {
        this.#queue.shift();
        this.#inFlight.add(head);
        if (head.kind === "metrics") {
          const task: Promise<void> = this.#sendBlock(head, failed).finally(() => pending.delete(task));
          pending.add(task);
        } else if (await this.#sendOne(head, null)) {
          this.#inFlight.delete(head);
        } else {
          failed.push(head);
        }
        continue;
      }
      if (pending.size === 0) return failed;
      await Promise.race(pending);
    }
  }

  #mayTake(head: LogEntry, sending: number): boolean {
    if (head.kind !== "metrics") return sending === 0;
    if (sending >= this.#maxInFlight) return false;
    return this.#drain || head.block.full || this.#queue.items >= this.#batchSize;
  }

  async #sendBlock(entry: MetricsEntry, failed: LogEntry[]): Promise<void> {
    try {
      await this.#entries.send(entry, null);
    } catch (error) {
      if (isTransient(error)) {
        failed.push(entry);
        return;
      }
      this.#inFlight.delete(entry);
      this.#outcomes.refused(this.#queue.asLog(entry), error);
      return;
    }
    this.#inFlight.delete(entry);
    this.#queue.recycle(entry.block);
  }

  /** Sends one entry; false if the backend is unreachable (refusals are reported and count as done). */
  async #sendOne(entry: LogEntry, segment: JournalSegment | null): Promise<boolean> {
    try {
      await this.#entries.send(entry, segment);
      this.#outcomes.delivered(entry);
    } catch (error) {
      if (isTransient(error)) return false;
      this.#outcomes.refused(entry, error);
    }
    return true;
  }

  #goOffline(undelivered: LogEntry[]): void {
    if (!this.#spool) {
      // No journal (a browser): keep the entries in memory, in order, and retry later.
      this.#queue.putBack(undelivered);
    } else {
      this.#moveQueueToJournal(undelivered);
    }
    if (!this.#offline) {
      this.#offline = true;
      this.#runs.releaseWaiting();
    }
  }

  #moveQueueToJournal(before: LogEntry[]): void {
    if (!this.#spool) return;
    const entries = [...before, ...this.#queue.entries];
    this.#spool.append(this.#queue.forJournal(entries));
    this.#queue.removeAll();
    for (const entry of entries) this.#outcomes.delivered(entry);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
