import { fileURLToPath } from "node:url";
import { type ArtifactRepository, CairnError, invalidParameter } from "@cairn/core";

/** How the server reaches a location: which repository serves it, or that none does. */
export type ArtifactBackend = "local" | "s3" | "unsupported";

/** Options for opening a repository; `env` holds the S3 settings (defaults to `process.env`). */
export interface OpenArtifactRepositoryOptions {
  env?: NodeJS.ProcessEnv;
}

/**
 * Which backend serves a location by its scheme: local folders (`file:` and absolute paths),
 * S3 (`s3:`, and the Hadoop spellings `s3a:`/`s3n:`). Every other scheme, `http(s)` included,
 * is one the server never reads: clients may write there directly, but fetching a
 * client-chosen URL from the server would be an SSRF (CVE-2023-6974).
 */
export function artifactBackendOf(uri: string): ArtifactBackend {
  if (uri.startsWith("/") && !uri.startsWith("//")) return "local";
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === "file") return "local";
  if (scheme === "s3" || scheme === "s3a" || scheme === "s3n") return "s3";
  return "unsupported";
}

/**
 * Opens the repository for a location, importing its backend only when first needed (the AWS
 * SDK is not loaded by a server that never touches S3). A location the server cannot read
 * answers NOT_IMPLEMENTED.
 *
 * @example
 * const repository = await openArtifactRepository("s3://bucket/mlartifacts");
 * const local = await openArtifactRepository("/srv/mlartifacts");
 */
export async function openArtifactRepository(uri: string, options: OpenArtifactRepositoryOptions = {}): Promise<ArtifactRepository> {
  const backend = artifactBackendOf(uri);
  switch (backend) {
    case "local": {
      const { LocalArtifactRepository } = await import("../local/local-artifact-repository.js");
      return new LocalArtifactRepository(localPath(uri));
    }
    case "s3": {
      const { S3ArtifactRepository } = await import("../s3/s3-artifact-repository.js");
      return new S3ArtifactRepository(uri, options.env ?? process.env);
    }
    case "unsupported":
      throw new CairnError(
        "NOT_IMPLEMENTED",
        `This server does not read artifacts stored at '${uri.slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, "?")}': only local folders, s3:// and its own mlflow-artifacts: proxy are served`,
      );
    default: {
      const unreachable: never = backend;
      throw new Error(`unknown backend ${String(unreachable)}`);
    }
  }
}

/** The folder a `file:` URI or absolute path names; a URI Node cannot turn into a path is a 400. */
function localPath(uri: string): string {
  if (uri.startsWith("/")) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    throw invalidParameter(`Invalid artifact location '${uri.slice(0, 200)}'`);
  }
}
