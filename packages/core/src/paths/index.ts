export { ARTIFACT_LOCATION_SCHEMES, validateArtifactLocation } from "./artifact-location.js";
export { validateArtifactPath } from "./artifact-path.js";
export { decodeUntilStable } from "./decode-until-stable.js";
export {
  type ModelVersionSource,
  REMOTE_SOURCE_SCHEMES,
  type SourceContext,
  validateModelVersionSource,
} from "./model-version-source.js";
export { validateRegisteredModelName } from "./registered-model-name.js";
