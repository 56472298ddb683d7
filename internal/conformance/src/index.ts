/**
 * @module @cairn/conformance
 * Shared test suites that every backend must pass, and the real servers they run against.
 */
export { type ArtifactRepositorySuiteOptions, runArtifactRepositorySuite } from "./artifact-repository-suite.js";
export { expectError } from "./expect-error.js";
export { brokenBody, generatedBytes, generatedHash, streamHash } from "./generated-bytes.js";
export type { LoggedModelStoreSuiteOptions } from "./logged-model-suite-options.js";
export { type PurgeStoreSuiteOptions, runPurgeStoreSuite } from "./purge-store-suite.js";
export type { RegistryStoreSuiteOptions } from "./registry-suite-options.js";
export { runLoggedModelStoreSuite } from "./run-logged-model-store-suite.js";
export { runRegistryStoreSuite } from "./run-registry-store-suite.js";
export { runTrackingStoreSuite } from "./run-tracking-store-suite.js";
export { runWebhookStoreSuite } from "./run-webhook-store-suite.js";
export { type S3rverProcess, startS3rver } from "./s3rver-process.js";
export { type TrackingStoreSuiteOptions, uniqueName } from "./suite-options.js";
export type { WebhookStoreSuiteOptions } from "./webhook-suite-options.js";
