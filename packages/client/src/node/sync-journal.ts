import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readSegment } from "../logging/file-journal.js";
import { createCairn } from "./create-cairn.js";

export interface SyncJournalOptions {
  /** Default: CAIRN_JOURNAL_DIR, else `~/.cairn/journal`. */
  journalDir?: string;
  /** Only segments for this tracking URI (default: each segment goes to the URI it was written for). */
  trackingUri?: string;
  /** Also take segments whose writer process is still alive. */
  force?: boolean;
  /** Per tracking URI. Default 60 s. */
  timeoutMs?: number;
}

export interface SyncReport {
  /** Per tracking URI: entries found and whether everything was delivered. */
  targets: { trackingUri: string; segments: number; entries: number; delivered: boolean }[];
}

/**
 * Pushes journalled entries to their servers by hand (`cairn sync`): for every tracking URI
 * with segments in the journal folder, claims the segments and replays them, in order and
 * idempotently, exactly as a restarted training process would.
 *
 * @example
 * const report = await syncJournal({ journalDir: ".cairn/journal" });
 */
export async function syncJournal(options: SyncJournalOptions = {}): Promise<SyncReport> {
  const journalDir = path.resolve(options.journalDir ?? process.env["CAIRN_JOURNAL_DIR"] ?? path.join(os.homedir(), ".cairn", "journal"));
  const byUri = new Map<string, { segments: number; entries: number }>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(journalDir);
  } catch {
    names = [];
  }
  for (const name of names) {
    if (!/\.journal(\.claimed-\d+)?$/.test(name)) continue;
    const segment = readSegment(path.join(journalDir, name));
    if (!segment || (options.trackingUri && segment.header.uri !== options.trackingUri)) continue;
    const totals = byUri.get(segment.header.uri) ?? { segments: 0, entries: 0 };
    totals.segments += 1;
    totals.entries += segment.entries.length;
    byUri.set(segment.header.uri, totals);
  }
  const report: SyncReport = { targets: [] };
  for (const [trackingUri, totals] of byUri) {
    const cairn = await createCairn({ trackingUri, journalDir, exitHooks: false, claimLiveSegments: options.force ?? false });
    const delivered = await cairn.waitForDelivery(options.timeoutMs ?? 60_000);
    await cairn.close();
    report.targets.push({ trackingUri, ...totals, delivered });
  }
  return report;
}
