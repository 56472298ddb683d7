/**
 * @module @cairn/artifacts
 * Artifact repositories: local folders, S3 (loaded on first use), and a client of MLflow's
 * artifact proxy. `openArtifactRepository` picks one by the location's scheme.
 */
export { HttpArtifactRepository } from "./http/http-artifact-repository.js";
export { LocalArtifactRepository } from "./local/local-artifact-repository.js";
export {
  type ArtifactBackend,
  artifactBackendOf,
  type OpenArtifactRepositoryOptions,
  openArtifactRepository,
} from "./registry/open-artifact-repository.js";
export { parseS3Uri, type S3Location } from "./s3/s3-location.js";
