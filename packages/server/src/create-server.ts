import { LocalArtifactRepository } from "@cairn/artifacts";
import type { ArtifactRepository, LoggedModelStore, PurgeStore, RegistryStore, TrackingStore, WebhookStore } from "@cairn/core";
import Fastify, { type FastifyInstance } from "fastify";
import { ArtifactService } from "./artifacts/artifact-service.js";
import { type GcSchedule, scheduleGc } from "./gc/gc-schedule.js";
import { registerApiRoutes } from "./http/api-routes.js";
import { registerArtifactRoutes } from "./http/artifact-routes.js";
import { clientErrorHandler, sendError } from "./http/error-reply.js";
import { registerLoggedModelArtifactRoutes } from "./http/logged-model-artifact-routes.js";
import { registerModelVersionArtifactRoutes } from "./http/model-version-artifact-routes.js";
import { registerMultipartRoutes } from "./http/multipart-routes.js";
import { registerStorageRoutes } from "./http/storage-routes.js";
import { registerUiRoutes } from "./http/ui-routes.js";
import { CAIRN_VERSION } from "./version.js";
import { registryWithEvents } from "./webhooks/registry-events.js";
import type { WebhookOptions } from "./webhooks/webhook-options.js";
import { WebhookService } from "./webhooks/webhook-service.js";

export interface CreateServerOptions {
  trackingStore: TrackingStore;
  /** The model registry (`openStores` gives both); absent, the registry routes answer 404. */
  registryStore?: RegistryStore;
  /** MLflow 3 logged models (`openStores` gives them); absent, their routes answer 404. */
  loggedModelStore?: LoggedModelStore;
  /** Where proxied artifacts live; `null` turns the proxy off (`--no-serve-artifacts`). */
  artifactRepository?: ArtifactRepository | null;
  /** Shorthand for a local artifact folder when no repository is given. */
  artifactsDestination?: string;
  /**
   * Webhook subscriptions and their delivery log (`openStores` gives it); absent, the webhook
   * routes answer 404 and registry writes fire nothing.
   */
  webhookStore?: WebhookStore;
  /** How webhooks are sent (private addresses, retries, timeouts). */
  webhooks?: WebhookOptions;
  /** Hard deletes (`openStores` gives them); needed for `gc`. */
  purgeStore?: PurgeStore;
  /** Purge soft-deleted runs and experiments on a schedule (needs `purgeStore`). */
  gc?: GcSchedule;
  /** Where S3 settings are read for runs stored at `s3://` (defaults to `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Fastify's logger; off by default. */
  logger?: boolean;
  /** Folder of the built web UI (`@cairn/web`'s dist) served at `/`; absent, no UI is served. */
  uiRoot?: string;
}

/** Largest request body: a dataset profile may be 16 MB (mlflow-wire.md §2.1). */
const BODY_LIMIT = 40 * 1024 * 1024;

/**
 * Builds the HTTP server: MLflow's REST API at `/api/2.0` and `/ajax-api/2.0`, the artifact
 * proxy, `/health`, `/version` and, given `uiRoot`, the web UI at `/`. No module state: tests build as many as they like.
 *
 * @example
 * const app = await createServer({ trackingStore: store, artifactsDestination: "./mlartifacts" });
 * await app.listen({ host: "127.0.0.1", port: 5000 });
 */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const destination =
    options.artifactRepository !== undefined
      ? options.artifactRepository
      : options.artifactsDestination
        ? new LocalArtifactRepository(options.artifactsDestination)
        : null;
  const artifacts = new ArtifactService(destination, options.env ? { env: options.env } : {});
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    return503OnClosing: false,
    // Errors the router raises before any route runs (a malformed %-escape in the URL) get
    // MLflow's error body too, and never echo the URL back.
    frameworkErrors: (error, _request, reply) => {
      sendError(reply, error);
    },
    clientErrorHandler,
  });

  const webhooks = options.webhookStore ? new WebhookService(options.webhookStore, options.webhooks ?? {}, app.log) : null;
  // Registry writes fire webhook events once committed; a registry without webhooks is untouched.
  const registry =
    options.registryStore && webhooks ? registryWithEvents(options.registryStore, webhooks.dispatcher) : options.registryStore;
  const ctx = {
    store: options.trackingStore,
    registry: registry ?? null,
    loggedModels: options.loggedModelStore ?? null,
    artifacts,
    webhooks,
  };
  // Retries waiting in memory are dropped on close (README: they do not survive the process).
  app.addHook("onClose", async () => {
    await webhooks?.dispatcher.settled();
    await webhooks?.close();
  });

  // Bodies are read by the handlers: JSON for the API (MLflow's own rules, including its
  // content-type check) and a raw stream for artifact uploads.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (request, payload, done) => {
    if (request.method === "PUT" && request.url.includes("/mlflow-artifacts/")) {
      done(null, payload);
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    payload.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    payload.on("error", (error) => done(error, undefined));
    payload.on("end", () => {
      if (size > BODY_LIMIT) done(Object.assign(new Error("too large"), { code: "FST_ERR_CTP_BODY_TOO_LARGE" }), undefined);
      else done(null, Buffer.concat(chunks).toString("utf8"));
    });
  });

  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type("application/json")
      .send(
        JSON.stringify({ error_code: "ENDPOINT_NOT_FOUND", message: `No API endpoint for ${request.method} ${request.url.split("?")[0]}` }),
      ),
  );

  app.get("/health", async (_request, reply) => reply.type("text/plain").send("OK"));
  app.get("/version", async (_request, reply) => reply.type("text/plain").send(CAIRN_VERSION));
  registerApiRoutes(app, ctx);
  registerArtifactRoutes(app, ctx);
  registerModelVersionArtifactRoutes(app, ctx);
  registerLoggedModelArtifactRoutes(app, ctx);
  registerMultipartRoutes(app, ctx);
  registerStorageRoutes(app, ctx);
  if (options.gc && options.purgeStore) {
    scheduleGc(app, { tracking: options.trackingStore, purge: options.purgeStore, artifacts }, options.gc);
  }
  if (options.uiRoot) registerUiRoutes(app, options.uiRoot);
  return app;
}
