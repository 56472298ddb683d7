import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Journal, JournalSegment } from "./journal.js";
import type { LogEntry, RunBinding } from "./log-entry.js";

/**
 * One line of a journal segment (JSON Lines, append-only):
 * - `{"h":{…}}` the header: format version, tracking URI, owner pid, segment id;
 * - `{"s":n,"e":{…}}` entry number n;
 * - `{"b":{run,id,artifactUri}}` a local run id's server id;
 * - `{"a":n}` entries up to n reached the server (replay resumes after it).
 */
type JournalLine = { h: SegmentHeader } | { s: number; e: LogEntry } | { b: RunBinding } | { a: number };

interface SegmentHeader {
  v: 1;
  uri: string;
  pid: number;
  id: string;
  created: number;
}

/** What a segment still has to deliver. */
export type SegmentContents = JournalSegment;

const SUFFIX = ".journal";

/**
 * The durable on-disk journal the background logger writes to while the server is unreachable.
 * Each process appends to its own segment, `<dir>/<pid>-<time>-<random>.journal`, and fsyncs
 * every append before returning, so what was journalled survives a crash. Artifact bytes go to
 * `<segment id>.blobs/` beside it. A segment whose owner died is claimed by renaming it (atomic,
 * so two processes never replay the same one) and replayed by the next process or `cairn sync`.
 *
 * Writes are synchronous on purpose: the journal is also written from `process.on("exit")`,
 * where nothing asynchronous runs.
 *
 * @example
 * const journal = new FileJournal(".cairn/journal", "http://127.0.0.1:5000");
 * journal.append([{ kind: "log", run, metrics, params: [], tags: [] }], () => undefined);
 */
export class FileJournal implements Journal {
  readonly dir: string;
  readonly trackingUri: string;
  #fd: number | undefined;
  #file: string | undefined;
  #id: string | undefined;
  #seq = 0;
  /** Runs whose binding this segment already holds. */
  #bound = new Set<string>();

  readonly #claimLive: boolean;

  /** `claimLive` also takes segments of live processes (`cairn sync --force`). */
  constructor(dir: string, trackingUri: string, options: { claimLive?: boolean } = {}) {
    this.dir = dir;
    this.trackingUri = trackingUri;
    this.#claimLive = options.claimLive ?? false;
  }

  /** The current segment's path, if one was started. */
  get file(): string | undefined {
    return this.#file;
  }

  /**
   * Appends entries (and, before the first entry of a run, its binding when known), then
   * fsyncs. Artifact bytes are written to blob files first, so an entry never names a blob
   * that is not on disk.
   */
  append(entries: readonly LogEntry[], bindingOf: (run: string) => RunBinding | undefined): number {
    if (entries.length === 0) return this.#seq;
    this.#open();
    const lines: string[] = [];
    for (const entry of entries) {
      if (!this.#bound.has(entry.run)) {
        const binding = bindingOf(entry.run);
        if (binding) {
          lines.push(JSON.stringify({ b: binding } satisfies JournalLine));
          this.#bound.add(entry.run);
        }
      }
      this.#seq += 1;
      lines.push(JSON.stringify({ s: this.#seq, e: this.#storeBlob(entry) } satisfies JournalLine, encodeSpecial));
    }
    this.#write(`${lines.join("\n")}\n`);
    return this.#seq;
  }

  /** Records a binding learnt during replay, so a later replay of this segment knows it too. */
  bind(binding: RunBinding): void {
    if (this.#fd === undefined || this.#bound.has(binding.run)) return;
    this.#bound.add(binding.run);
    this.#write(`${JSON.stringify({ b: binding } satisfies JournalLine)}\n`);
  }

  /** Marks entries up to `seq` delivered. Not fsynced: losing an ack only means an idempotent re-send. */
  ack(seq: number): void {
    if (this.#fd === undefined) return;
    fs.writeSync(this.#fd, `${JSON.stringify({ a: seq } satisfies JournalLine)}\n`);
  }

  /** What the current segment has not delivered yet. */
  pending(): SegmentContents | null {
    return this.#file ? readSegment(this.#file) : null;
  }

  /** Deletes the current segment once everything in it was delivered. */
  discard(): void {
    if (this.#fd === undefined || !this.#file) return;
    fs.closeSync(this.#fd);
    removeSegment(this.#file, this.#id ?? "");
    this.#fd = undefined;
    this.#file = undefined;
    this.#id = undefined;
    this.#seq = 0;
    this.#bound.clear();
  }

  /**
   * Claims the segments for this tracking URI whose owner process is gone (or every one but
   * ours, with `claimLive`): renames each to `….claimed-<our pid>` and
   * returns their contents in creation order.
   */
  claimOrphans(): SegmentContents[] {
    return claimSegments(this.dir, { includeLive: this.#claimLive, uri: this.trackingUri, except: this.#file });
  }

  readBlob(segment: JournalSegment, blob: string): Uint8Array {
    return readBlob(segment, blob);
  }

  ackClaimed(segment: JournalSegment, seq: number): void {
    ackSegment(segment, seq);
  }

  removeClaimed(segment: JournalSegment): void {
    removeSegment(segment.file, segment.header.id);
  }

  #open(): void {
    if (this.#fd !== undefined) return;
    fs.mkdirSync(this.dir, { recursive: true });
    this.#id = `${process.pid}-${Date.now()}-${randomBytes(4).toString("hex")}`;
    this.#file = path.join(this.dir, `${this.#id}${SUFFIX}`);
    this.#fd = fs.openSync(this.#file, "a");
    const header: SegmentHeader = { v: 1, uri: this.trackingUri, pid: process.pid, id: this.#id, created: Date.now() };
    this.#write(`${JSON.stringify({ h: header } satisfies JournalLine)}\n`);
    // The new file's directory entry must be durable too.
    fsyncDir(this.dir);
  }

  #write(text: string): void {
    if (this.#fd === undefined) throw new Error("journal segment is not open");
    fs.writeSync(this.#fd, text);
    fs.fsyncSync(this.#fd);
  }

  #storeBlob(entry: LogEntry): LogEntry {
    if (entry.kind !== "artifact" || !entry.bytes) return entry;
    const dir = path.join(this.dir, `${this.#id}.blobs`);
    fs.mkdirSync(dir, { recursive: true });
    const name = `${this.#seq}-${randomBytes(4).toString("hex")}`;
    const fd = fs.openSync(path.join(dir, name), "w");
    try {
      fs.writeSync(fd, entry.bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fsyncDir(dir);
    return { kind: "artifact", run: entry.run, path: entry.path, blob: name };
  }
}

/** Reads a segment, skipping acknowledged entries and a torn last line (a crash mid-write). */
export function readSegment(file: string): SegmentContents | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  let header: SegmentHeader | undefined;
  const entries: { seq: number; entry: LogEntry }[] = [];
  const bindings: RunBinding[] = [];
  let acked = 0;
  for (const line of text.split("\n")) {
    if (!line) continue;
    let parsed: JournalLine;
    try {
      parsed = JSON.parse(line, decodeSpecial) as JournalLine;
    } catch {
      continue;
    }
    if ("h" in parsed) header = parsed.h;
    else if ("s" in parsed) entries.push({ seq: parsed.s, entry: parsed.e });
    else if ("b" in parsed) bindings.push(parsed.b);
    else if ("a" in parsed) acked = Math.max(acked, parsed.a);
  }
  if (!header) return null;
  return { file, header, entries: entries.filter((item) => item.seq > acked), bindings };
}

/** The bytes of a journalled artifact entry. */
export function readBlob(segment: JournalSegment, blob: string): Uint8Array {
  return fs.readFileSync(path.join(path.dirname(segment.file), `${segment.header.id}.blobs`, blob));
}

/** Appends an ack to a claimed segment (replay progress survives a second crash). */
export function ackSegment(segment: JournalSegment, seq: number): void {
  fs.appendFileSync(segment.file, `${JSON.stringify({ a: seq })}\n`);
}

/** Deletes a delivered segment and its blobs. */
export function removeSegment(file: string, id: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(path.join(path.dirname(file), `${id}.blobs`), { recursive: true, force: true });
}

/**
 * Claims segments in `dir`: those of dead owners (all but `except` with `includeLive`), for
 * `uri` or any URI. Claimed segments of a dead claimer are taken over too.
 */
export function claimSegments(
  dir: string,
  options: { uri?: string; includeLive?: boolean; except?: string | undefined },
): SegmentContents[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const claimed: SegmentContents[] = [];
  for (const name of names.sort()) {
    const match = /^(\d+)-.*\.journal(?:\.claimed-(\d+))?$/.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    if (file === options.except) continue;
    const holder = Number(match[2] ?? match[1]);
    if (holder === process.pid && match[2] !== undefined) continue;
    if (!options.includeLive && isAlive(holder)) continue;
    const contents = readSegment(file);
    if (!contents || (options.uri !== undefined && contents.header.uri !== options.uri)) continue;
    const target = `${file.replace(/\.claimed-\d+$/, "")}.claimed-${process.pid}`;
    try {
      fs.renameSync(file, target);
    } catch {
      continue; // another process claimed it first
    }
    const mine = readSegment(target);
    if (mine) claimed.push(mine);
  }
  return claimed.sort((a, b) => a.header.created - b.header.created);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the file's own fsync still holds its data.
  }
}

/** NaN and ±Infinity survive the journal as tagged strings (JSON has no spelling for them). */
function encodeSpecial(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return { $n: String(value) };
  return value;
}

function decodeSpecial(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && "$n" in value) return Number((value as { $n: string }).$n);
  return value;
}
