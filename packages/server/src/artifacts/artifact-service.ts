import { artifactBackendOf, LocalArtifactRepository, openArtifactRepository } from "@cairn/artifacts";
import { ARTIFACT_LOCATION_SCHEMES, type ArtifactRepository, CairnError, type FileInfo, validateArtifactPath } from "@cairn/core";
import { localArtifactRoot, unreadableLocation } from "./local-root.js";

/** A repository and a path inside it. */
export interface Located {
  repository: ArtifactRepository;
  path: string;
}

/**
 * Resolves run artifact URIs to repositories and applies the path checks once. Runs created
 * while serving artifacts live under `mlflow-artifacts:/<exp>/<run>/artifacts`, which maps
 * onto the artifacts destination (a folder or a bucket); runs with a local or `s3://`
 * location (`--default-artifact-root`) are read from there. Other schemes are never read.
 */
export class ArtifactService {
  readonly #destination: ArtifactRepository | null;
  readonly #env: NodeJS.ProcessEnv;

  /** `env` holds the S3 settings for runs stored at `s3://` (defaults to `process.env`). */
  constructor(destination: ArtifactRepository | null, options: { env?: NodeJS.ProcessEnv } = {}) {
    this.#destination = destination;
    this.#env = options.env ?? process.env;
  }

  /** The proxy's repository; a 503 when the server runs with --no-serve-artifacts. */
  get proxy(): ArtifactRepository {
    if (!this.#destination) {
      throw new CairnError(
        "TEMPORARILY_UNAVAILABLE",
        "Endpoint disabled due to the mlflow server running with `--no-serve-artifacts`. To enable artifacts server functionality, run `mlflow server` with `--serve-artifacts`",
      );
    }
    return this.#destination;
  }

  get serving(): boolean {
    return this.#destination !== null;
  }

  /** A validated relative path for the proxy routes (`Invalid path` otherwise). */
  proxiedPath(path: string): string {
    return validateArtifactPath(path);
  }

  async listProxied(path: string): Promise<FileInfo[]> {
    const relative = validateArtifactPath(path);
    const files = await this.proxy.list(relative);
    // The proxy's listing gives base names, as MLflow's does.
    return files.map((file) => ({ ...file, path: file.path.slice(file.path.lastIndexOf("/") + 1) }));
  }

  /** Resolves `<run artifact_uri>/<path>` to a repository and a path inside it. */
  async locate(artifactUri: string, path: string): Promise<Located & { relative: string }> {
    const relative = validateArtifactPath(path);
    const base = this.#proxiedBase(artifactUri);
    if (base !== null) {
      return { repository: this.proxy, path: base && relative ? `${base}/${relative}` : base || relative, relative };
    }
    if (artifactUri.startsWith("/") || /^file:/i.test(artifactUri)) {
      return { repository: new LocalArtifactRepository(localArtifactRoot(artifactUri)), path: relative, relative };
    }
    return { repository: await this.#open(artifactUri), path: relative, relative };
  }

  /**
   * A whole location (an experiment's or a run's root) as a path inside a repository, so it can
   * be measured or deleted: proxied locations are a folder of the destination, the others the
   * last segment of their parent. A location at a bucket's or disk's root has path "".
   */
  async locateRoot(location: string): Promise<Located> {
    const base = this.#proxiedBase(location);
    if (base !== null) return { repository: this.proxy, path: base };
    const trimmed = location.replace(/\/+$/, "");
    const slash = trimmed.lastIndexOf("/");
    const parent = trimmed.slice(0, slash);
    const name = trimmed.slice(slash + 1);
    // `s3://bucket`, `/` or `file:///`: nothing above it to hold it from.
    if (slash < 0 || /^[a-z0-9+.-]*:\/*$/i.test(parent) || parent === "" || name === "") {
      return { repository: await this.locate(location, "").then((found) => found.repository), path: "" };
    }
    const { repository } = await this.locate(parent, "");
    return { repository, path: validateArtifactPath(name) };
  }

  /** The proxy-relative folder of an `mlflow-artifacts:` URI, or null for any other scheme. */
  #proxiedBase(artifactUri: string): string | null {
    const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(artifactUri);
    if (!proxied) return null;
    // The URI's path is decoded once, as the proxy route's is when a client uploads to it.
    let basePath: string;
    try {
      basePath = decodeURIComponent(proxied[1] ?? "");
    } catch {
      throw unreadableLocation(artifactUri);
    }
    return validateArtifactPath(basePath);
  }

  /** A repository for a remote location this server may read (S3); NOT_IMPLEMENTED for the rest. */
  async #open(artifactUri: string): Promise<ArtifactRepository> {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(artifactUri)?.[1]?.toLowerCase() ?? "";
    // A scheme experiments may use but this server does not read is a 501 (never a fetch of a
    // client-chosen URL); anything else is a location nobody can read.
    if (!(ARTIFACT_LOCATION_SCHEMES as readonly string[]).includes(scheme) && scheme !== "s3n") throw unreadableLocation(artifactUri);
    if (artifactBackendOf(artifactUri) !== "s3") {
      throw new CairnError("NOT_IMPLEMENTED", `Artifact URIs of this scheme are not supported yet: ${artifactUri.slice(0, 200)}`);
    }
    return openArtifactRepository(artifactUri, { env: this.#env });
  }

  /** One directory level of a run's artifacts, with paths relative to the run's root. */
  async listRunArtifacts(artifactUri: string, path: string): Promise<FileInfo[]> {
    const { repository, path: inside, relative } = await this.locate(artifactUri, path);
    const files = await repository.list(inside);
    return files.map((file) => {
      const name = file.path.slice(file.path.lastIndexOf("/") + 1);
      return { ...file, path: relative ? `${relative}/${name}` : name };
    });
  }
}
