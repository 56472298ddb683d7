import { openArtifactRepository } from "@cairn/artifacts";
import { createServer } from "@cairn/server";
import { openStores } from "@cairn/store";
import type { Command } from "commander";
import { type RawServerOptions, resolveServerSettings } from "../server-options.js";
import { resolveUiRoot } from "../ui-root.js";

/** `cairn server`: the tracking server on the embedded default or the given stores. */
export function registerServerCommand(program: Command): void {
  program
    .command("server")
    .description("Start the tracking server (MLflow-compatible REST API, model registry and artifact proxy)")
    .option("-h, --host <host>", "network address to listen on (default 127.0.0.1)")
    .option("-p, --port <port>", "port to listen on (default 5000)")
    .option(
      "--backend-store-uri <uri>",
      "sqlite:///file.db, sqlite:////abs/file.db, postgresql://user@host:port/db or mysql://user:pass@host:port/db (default sqlite:///cairn.db)",
    )
    .option("--artifacts-destination <uri>", "folder or s3://bucket/prefix where proxied artifacts are stored (default ./mlartifacts)")
    .option("--default-artifact-root <uri>", "artifact root for new experiments (default mlflow-artifacts:/ when serving artifacts)")
    .option("--serve-artifacts", "serve the artifact proxy (the default)")
    .option("--no-serve-artifacts", "disable the artifact proxy")
    .option("--webhooks-allow-private-ips", "let webhooks reach private, loopback and link-local addresses (cloud metadata stays refused)")
    .option("--gc-interval <duration>", "purge deleted runs and experiments this often, e.g. 1h (env CAIRN_GC_INTERVAL; default never)")
    .option("--gc-retention <duration>", "what the scheduled purge keeps: deleted less than this ago, e.g. 30d (env CAIRN_GC_RETENTION)")
    .action(async (raw: RawServerOptions) => {
      const settings = resolveServerSettings(raw);
      const {
        tracking: store,
        registry,
        webhooks,
        loggedModels,
        purge,
      } = await openStores(settings.backendStoreUri, {
        defaultArtifactRoot: settings.defaultArtifactRoot,
        ...(settings.webhooksSecretKey ? { webhookSecretKey: settings.webhooksSecretKey } : {}),
      });
      const app = await createServer({
        trackingStore: store,
        registryStore: registry,
        webhookStore: webhooks,
        webhooks: { allowPrivateIps: settings.webhooksAllowPrivateIps },
        loggedModelStore: loggedModels,
        purgeStore: purge,
        artifactRepository: settings.serveArtifacts ? await openArtifactRepository(settings.artifactsDestination) : null,
        ...(settings.gcIntervalMs
          ? {
              gc: {
                intervalMs: settings.gcIntervalMs,
                retentionMs: settings.gcRetentionMs,
                onReport: (report) =>
                  console.log(
                    `gc: purged ${report.runs.length} runs and ${report.experiments.length} experiments, freed ${report.freedBytes} bytes`,
                  ),
              },
            }
          : {}),
        uiRoot: resolveUiRoot(),
      });
      const address = await app.listen({ host: settings.host, port: settings.port });
      console.log(`Cairn is listening at ${address} (web UI at ${address}/)`);
      console.log(`  backend store:  ${settings.backendStoreUri}`);
      console.log(`  artifacts:      ${settings.serveArtifacts ? settings.artifactsDestination : "not served"}`);
      if (!settings.webhooksSecretKey) console.log("  webhooks:       secrets stored unencrypted (set CAIRN_WEBHOOKS_SECRET_KEY)");
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`Received ${signal}, shutting down`);
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.on("SIGINT", () => void stop("SIGINT"));
      process.on("SIGTERM", () => void stop("SIGTERM"));
    });
}
