import { CairnError, type FileInfo } from "@cairn/core";
import type { ArtifactStore } from "../backend/backend.js";
import type { CairnRestClient } from "./cairn-rest-client.js";

/**
 * Artifacts through the server's proxy: `mlflow-artifacts:/<exp>/<run>/artifacts` maps to
 * `/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path>`, as in MLflow's client.
 */
export class RestArtifactStore implements ArtifactStore {
  readonly #client: CairnRestClient;

  constructor(client: CairnRestClient) {
    this.#client = client;
  }

  async upload(artifactUri: string, path: string, bytes: Uint8Array): Promise<void> {
    await this.#client.uploadProxiedArtifact(join(proxyPath(artifactUri), path), bytes);
  }
  download(artifactUri: string, path: string): Promise<Uint8Array> {
    return this.#client.downloadProxiedArtifact(join(proxyPath(artifactUri), path));
  }
  async list(artifactUri: string, path: string): Promise<FileInfo[]> {
    const { files } = await this.#client.listProxiedArtifacts({ path: join(proxyPath(artifactUri), path) });
    // The proxy lists base names; make them relative to the artifact URI like `artifacts/list`.
    return files.map((file) => ({ ...file, path: join(path, file.path) }));
  }
}

/** The proxy path of an `mlflow-artifacts:` URI (with or without an authority). */
export function proxyPath(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(artifactUri);
  if (!match) {
    throw new CairnError(
      "NOT_IMPLEMENTED",
      `The SDK reaches artifacts through the server's proxy (mlflow-artifacts:/…); this location is not supported over REST: ${artifactUri}`,
    );
  }
  return (match[1] ?? "").replace(/\/+$/, "");
}

function join(base: string, path: string): string {
  const clean = path.replace(/^\/+|\/+$/g, "");
  if (!base) return clean;
  return clean ? `${base}/${clean}` : base;
}
