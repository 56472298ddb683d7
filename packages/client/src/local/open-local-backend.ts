import path from "node:path";
import { pathToFileURL } from "node:url";
import { openStores, parseBackendUri } from "@cairn/store";
import type { Backend } from "../backend/backend.js";
import { LocalArtifactStore } from "./local-artifact-store.js";

export interface LocalBackendOptions {
  /** Root for new experiments' artifacts; default `<folder of the SQLite file>/artifacts` (PostgreSQL: `./mlruns/artifacts`). */
  artifactRoot?: string;
  /** Where `mlflow-artifacts:` URIs live, for databases a server also writes to. */
  artifactsDestination?: string;
}

/**
 * An in-process backend over a SQLite file or a PostgreSQL database: the same validated SQL
 * store the server runs, with no server. Loads the database drivers, so it lives in the
 * `@cairn/client/local` subpath that browser bundles never reach.
 *
 * @example
 * const backend = await openLocalBackend("sqlite:///mlruns/cairn.db");
 */
export async function openLocalBackend(uri: string, options: LocalBackendOptions = {}): Promise<Backend> {
  const location = parseBackendUri(uri);
  const defaultRoot =
    location.engine === "sqlite" && location.file !== ":memory:"
      ? path.join(path.dirname(location.file), "artifacts")
      : path.resolve("mlruns", "artifacts");
  const artifactRoot = options.artifactRoot ?? pathToFileURL(defaultRoot).href;
  const { tracking, registry } = await openStores(uri, { defaultArtifactRoot: artifactRoot });
  return {
    uri,
    kind: "local",
    tracking,
    registry,
    artifacts: new LocalArtifactStore({ artifactsDestination: options.artifactsDestination }),
    async ping() {
      return true;
    },
    async close() {
      await tracking.close();
    },
  };
}
