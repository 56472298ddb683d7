/**
 * @module @cairn/cli
 * The `cairn` command line: thin commands over the server and store packages.
 */
import { Command } from "commander";
import { registerDbCommand } from "./commands/db-upgrade.js";
import { registerGcCommand } from "./commands/gc.js";
import { registerServerCommand } from "./commands/server.js";
import { registerSyncCommand } from "./commands/sync.js";

export async function main(argv: string[]): Promise<void> {
  const program = new Command("cairn").description("Cairn: an MLflow-compatible tracking server");
  registerServerCommand(program);
  registerDbCommand(program);
  registerGcCommand(program);
  registerSyncCommand(program);
  await program.parseAsync(argv);
}

export { resolveServerSettings } from "./server-options.js";
