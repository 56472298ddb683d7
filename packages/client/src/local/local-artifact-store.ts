import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { fileURLToPath } from "node:url";
import { LocalArtifactRepository } from "@cairn/artifacts";
import { CairnError, type FileInfo, validateArtifactPath } from "@cairn/core";
import type { ArtifactStore } from "../backend/backend.js";

/**
 * Artifacts of an in-process store: runs get `file://` artifact URIs under the local artifact
 * root; `mlflow-artifacts:` URIs (runs a server created) map onto `artifactsDestination`.
 */
export class LocalArtifactStore implements ArtifactStore {
  readonly #artifactsDestination: string | undefined;

  constructor(options: { artifactsDestination?: string } = {}) {
    this.#artifactsDestination = options.artifactsDestination;
  }

  #locate(artifactUri: string, path: string): { repository: LocalArtifactRepository; path: string } {
    const relative = validateArtifactPath(path);
    const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(artifactUri);
    if (proxied) {
      if (!this.#artifactsDestination) {
        throw new CairnError("INVALID_PARAMETER_VALUE", `No artifacts destination is configured for ${artifactUri}`);
      }
      const base = validateArtifactPath(proxied[1] ?? "");
      return { repository: new LocalArtifactRepository(this.#artifactsDestination), path: [base, relative].filter(Boolean).join("/") };
    }
    if (artifactUri.startsWith("file:") || artifactUri.startsWith("/")) {
      const root = artifactUri.startsWith("file:") ? fileURLToPath(artifactUri) : artifactUri;
      return { repository: new LocalArtifactRepository(root), path: relative };
    }
    throw new CairnError("NOT_IMPLEMENTED", `Artifact URIs of this scheme are not supported in-process: ${artifactUri}`);
  }

  async upload(artifactUri: string, path: string, bytes: Uint8Array): Promise<void> {
    const target = this.#locate(artifactUri, path);
    await target.repository.write(target.path, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]));
  }
  async download(artifactUri: string, path: string): Promise<Uint8Array> {
    const target = this.#locate(artifactUri, path);
    const { stream } = await target.repository.read(target.path);
    return new Uint8Array(await buffer(stream));
  }
  async list(artifactUri: string, path: string): Promise<FileInfo[]> {
    const target = this.#locate(artifactUri, path);
    const files = await target.repository.list(target.path);
    return files.map((file) => {
      const name = file.path.slice(file.path.lastIndexOf("/") + 1);
      const relative = path.replace(/^\/+|\/+$/g, "");
      return { ...file, path: relative ? `${relative}/${name}` : name };
    });
  }
}
