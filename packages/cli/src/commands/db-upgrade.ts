import { migrate, openConnection } from "@cairn/store";
import type { Command } from "commander";
import { DEFAULT_BACKEND_STORE_URI } from "../server-options.js";

/** `cairn db upgrade [uri]`: applies pending migrations and exits. */
export function registerDbCommand(program: Command): void {
  const db = program.command("db").description("Database maintenance");
  db.command("upgrade")
    .description("Apply pending schema migrations")
    .argument("[url]", "backend store URI", process.env["MLFLOW_BACKEND_STORE_URI"] ?? DEFAULT_BACKEND_STORE_URI)
    .action(async (url: string) => {
      const conn = await openConnection(url);
      try {
        const applied = await migrate(conn);
        console.log(applied.length > 0 ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
      } finally {
        await conn.close();
      }
    });
}
