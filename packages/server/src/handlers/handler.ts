import type { api, LoggedModelStore, RegistryStore, TrackingStore } from "@cairn/core";
import type { ArtifactService } from "../artifacts/artifact-service.js";
import type { WebhookService } from "../webhooks/webhook-service.js";

/** What handlers are given: the stores, never the HTTP framework. */
export interface HandlerContext {
  readonly store: TrackingStore;
  /** The model registry; null when the server was built without one (its routes then answer 404). */
  readonly registry: RegistryStore | null;
  /** MLflow 3 logged models; null when the server was built without them (their routes then answer 404). */
  readonly loggedModels: LoggedModelStore | null;
  /** Absent when the server runs with --no-serve-artifacts. */
  readonly artifacts: ArtifactService;
  /** Webhooks; null when the server was built without a webhook store (their routes then answer 404). */
  readonly webhooks: WebhookService | null;
}

/** A framework-free handler: a converted request message in, a wire response object out. */
export type Handler = (ctx: HandlerContext, request: Record<string, unknown>) => Promise<unknown>;

export type HandlerTable = Record<api.TableOperationName, Handler>;
