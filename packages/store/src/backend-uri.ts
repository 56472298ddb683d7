import path from "node:path";
import { CairnError } from "@cairn/core";

export type BackendLocation =
  | { engine: "sqlite"; file: string }
  | { engine: "postgresql"; connectionString: string }
  | { engine: "mysql"; connectionString: string };

/**
 * Parses a `--backend-store-uri` the way MLflow (SQLAlchemy) writes them:
 * `sqlite:///relative.db`, `sqlite:////abs/path.db`, `sqlite:///:memory:`,
 * `postgresql://user@host:port/db` (also `postgres://` and `postgresql+psycopg2://`),
 * `mysql://user:pass@host:port/db` (also `mysql+pymysql://` and `mysql+mysqldb://`; MariaDB too).
 * A bare path is taken as a SQLite file.
 */
export function parseBackendUri(uri: string, cwd = process.cwd()): BackendLocation {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { engine: "sqlite", file: path.resolve(cwd, uri) };
  if (scheme === "sqlite") {
    const rest = uri.slice("sqlite://".length);
    if (!uri.startsWith("sqlite:///")) throw unsupported(uri);
    const file = rest.slice(1);
    if (file === ":memory:" || file === "") return { engine: "sqlite", file: ":memory:" };
    return { engine: "sqlite", file: file.startsWith("/") ? file : path.resolve(cwd, file) };
  }
  if (scheme === "postgresql" || scheme === "postgres" || scheme.startsWith("postgresql+")) {
    return { engine: "postgresql", connectionString: uri.replace(/^[^:]+:/, "postgresql:") };
  }
  if (scheme === "mysql" || scheme.startsWith("mysql+") || scheme === "mariadb" || scheme.startsWith("mariadb+")) {
    return { engine: "mysql", connectionString: uri.replace(/^[^:]+:/, "mysql:") };
  }
  throw unsupported(uri);
}

function unsupported(uri: string): CairnError {
  return new CairnError(
    "INVALID_PARAMETER_VALUE",
    `Unsupported backend store URI '${uri}'. Supported schemes: sqlite:///<file>, postgresql://<user>@<host>:<port>/<db>, mysql://<user>:<password>@<host>:<port>/<db>`,
  );
}
