import { syncJournal } from "@cairn/client";
import type { Command } from "commander";

/** `cairn sync`: pushes runs the SDK journalled while a server was unreachable. */
export function registerSyncCommand(program: Command): void {
  program
    .command("sync")
    .description("Replay the SDK's offline journal to the tracking servers it was written for")
    .option("--journal-dir <dir>", "journal folder (default CAIRN_JOURNAL_DIR, else ~/.cairn/journal)")
    .option("--tracking-uri <uri>", "only replay segments written for this tracking URI")
    .option("--force", "also take segments of processes that are still running")
    .option("--timeout <seconds>", "give up on a server after this long (default 60)")
    .action(async (raw: { journalDir?: string; trackingUri?: string; force?: boolean; timeout?: string }) => {
      const report = await syncJournal({
        journalDir: raw.journalDir,
        trackingUri: raw.trackingUri,
        force: raw.force,
        timeoutMs: raw.timeout ? Number(raw.timeout) * 1000 : undefined,
      });
      if (report.targets.length === 0) console.log("Nothing to sync: the journal is empty.");
      for (const target of report.targets) {
        const state = target.delivered ? "delivered" : "NOT delivered (server unreachable; the journal keeps them)";
        console.log(`${target.trackingUri}: ${target.entries} entries in ${target.segments} segment(s) ${state}`);
      }
      if (report.targets.some((target) => !target.delivered)) process.exitCode = 1;
    });
}
