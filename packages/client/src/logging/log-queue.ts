import type { Param, Tag } from "@cairn/core";
import { entrySize, type LogEntry } from "./log-entry.js";
import { MetricBlock } from "./metric-block.js";
import { MetricKeys } from "./metric-keys.js";
import { LOG_BATCH_LIMITS } from "./split-log-batch.js";

export type MetricsEntry = Extract<LogEntry, { kind: "metrics" }>;

/** Blocks kept for reuse once delivered (each is one log-batch of columns, ~28 KB). */
const POOLED_BLOCKS = 16;

/** A resolved promise shared by every logging call that finds room in the queue. */
export const READY: Promise<void> = Promise.resolve();

/**
 * The background logger's memory: entries in the order they were logged, metric points in
 * columnar blocks (one open block per run, see `MetricBlock`), and a count of the items held
 * (metrics + params + tags). Above `maxItems` items, logging calls get a promise that waits
 * until the flusher has taken the queue down to half (backpressure for tight loops).
 *
 * @example
 * const queue = new LogQueue(100_000);
 * queue.pushPoint(localId, "loss", 0.5, Date.now(), 0);
 * await queue.added(1);
 */
export class LogQueue {
  /** The metric key names the queued blocks' key ids stand for. */
  readonly keys = new MetricKeys();
  readonly #maxItems: number;
  #entries: LogEntry[] = [];
  #items = 0;
  #room: { promise: Promise<void>; resolve: () => void } | null = null;
  /** Each run's block that still takes points (it sits in the queue). */
  readonly #openBlocks = new Map<string, MetricBlock>();
  readonly #pool: MetricBlock[] = [];

  constructor(maxItems: number) {
    this.#maxItems = maxItems;
  }

  /** Queued entries, oldest first. */
  get entries(): readonly LogEntry[] {
    return this.#entries;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** Items held: what `maxItems` bounds and the batch size counts. */
  get items(): number {
    return this.#items;
  }

  push(entry: LogEntry): void {
    this.#entries.push(entry);
  }

  /** Adds a point to the run's open block, or to a new one queued at the tail. */
  pushPoint(run: string, key: string, value: number, timestamp: number, step: number): void {
    let block = this.#openBlocks.get(run);
    if (!block || block.sealed || block.full) {
      block = (this.#pool.pop() ?? new MetricBlock()).reset(run);
      this.#openBlocks.set(run, block);
      this.#entries.push({ kind: "metrics", run, block });
    }
    block.push(this.keys.id(key), value, timestamp, step);
  }

  /** Queues params and tags, merged into the last entry when it is a `log` of the same run with room left. */
  pushParamsAndTags(run: string, params: Param[], tags: Tag[]): void {
    const tail = this.#entries[this.#entries.length - 1];
    if (tail?.kind === "log" && tail.run === run && entrySize(tail) + params.length + tags.length <= LOG_BATCH_LIMITS.total) {
      for (const param of params) tail.params.push(param);
      for (const tag of tags) tail.tags.push(tag);
    } else {
      this.#entries.push({ kind: "log", run, metrics: [], params: params.slice(), tags: tags.slice() });
    }
  }

  /** Counts items just queued; the promise resolves at once while under the bound, else once there is room again. */
  added(size: number): Promise<void> {
    this.#items += size;
    if (this.#items <= this.#maxItems) return READY;
    if (!this.#room) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      this.#room = { promise, resolve };
    }
    return this.#room.promise;
  }

  /** Takes the head entry out; a metric block is sealed, so later points of its run go to a new one. */
  shift(): LogEntry | undefined {
    const head = this.#entries.shift();
    if (head?.kind === "metrics") this.#seal(head);
    if (head) this.#removed(head);
    return head;
  }

  /** Puts undelivered entries back at the head, in order, counted again. */
  putBack(entries: readonly LogEntry[]): void {
    this.#entries.unshift(...entries);
    for (const entry of entries) this.#items += entrySize(entry);
  }

  /** Takes every entry out, waking writers that wait for room. */
  removeAll(): void {
    for (const entry of this.#entries) this.#removed(entry);
    this.#entries = [];
  }

  /** Forgets every entry and the count at once, waking nobody: the process is exiting. */
  clear(): void {
    this.#entries = [];
    this.#items = 0;
  }

  /** Keeps a delivered block for reuse. */
  recycle(block: MetricBlock): void {
    if (this.#pool.length < POOLED_BLOCKS) this.#pool.push(block);
  }

  /** A metric block as the `log` entry the journal and error reports know. */
  asLog(entry: MetricsEntry): LogEntry {
    return { kind: "log", run: entry.run, metrics: entry.block.toMetrics(this.keys.names), params: [], tags: [] };
  }

  /** Entries as the journal stores them (blocks sealed and turned into `log` entries). */
  forJournal(entries: readonly LogEntry[]): LogEntry[] {
    return entries.map((entry) => {
      if (entry.kind !== "metrics") return entry;
      this.#seal(entry);
      return this.asLog(entry);
    });
  }

  /** Later points of the run go to a new block. */
  #seal(entry: MetricsEntry): void {
    entry.block.sealed = true;
    if (this.#openBlocks.get(entry.run) === entry.block) this.#openBlocks.delete(entry.run);
  }

  #removed(entry: LogEntry): void {
    this.#items -= entrySize(entry);
    if (this.#items < 0) this.#items = 0;
    if (this.#room && this.#items <= this.#maxItems / 2) {
      this.#room.resolve();
      this.#room = null;
    }
  }
}
