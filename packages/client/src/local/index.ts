/**
 * @module @cairn/client/local
 * In-process logging to a SQLite file or PostgreSQL database, with no server. Kept apart from
 * the main entry so browser bundles never load database drivers.
 */
export { LocalArtifactStore } from "./local-artifact-store.js";
export { type LocalBackendOptions, openLocalBackend } from "./open-local-backend.js";
