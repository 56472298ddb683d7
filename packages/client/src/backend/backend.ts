import type { FileInfo, RegistryStore, TrackingStore } from "@cairn/core";

/**
 * Reads and writes a run's (or a model version's) artifacts, addressed by the artifact URI the
 * server gave it plus a '/'-separated relative path.
 */
export interface ArtifactStore {
  upload(artifactUri: string, path: string, bytes: Uint8Array): Promise<void>;
  download(artifactUri: string, path: string): Promise<Uint8Array>;
  /** One directory level; paths relative to `artifactUri`. */
  list(artifactUri: string, path: string): Promise<FileInfo[]>;
}

/**
 * Where the SDK logs: a remote server over REST or an in-process store. The run API only sees
 * these ports, so both behave the same.
 */
export interface Backend {
  /** The tracking URI it was opened from (journals are keyed by it). */
  readonly uri: string;
  readonly kind: "rest" | "local";
  readonly tracking: TrackingStore;
  readonly registry: RegistryStore;
  readonly artifacts: ArtifactStore;
  /** True when the backend answers; the background logger probes with it while offline. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
