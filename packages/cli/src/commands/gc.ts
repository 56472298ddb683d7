import path from "node:path";
import { openArtifactRepository } from "@cairn/artifacts";
import { ArtifactService, type PurgeReport, parseOlderThan, purgeDeleted } from "@cairn/server";
import { openStores } from "@cairn/store";
import type { Command } from "commander";
import { DEFAULT_ARTIFACTS_DESTINATION, DEFAULT_BACKEND_STORE_URI } from "../server-options.js";

interface GcOptions {
  olderThan?: string;
  backendStoreUri?: string;
  artifactsDestination?: string;
  runIds?: string;
  experimentIds?: string;
  trackingUri?: string;
}

const ids = (text: string | undefined) =>
  text
    ?.split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");

function printReport(report: PurgeReport): void {
  for (const run of report.runs) console.log(`Run with ID ${run.runId} has been permanently deleted (${run.freedBytes} bytes freed).`);
  for (const exp of report.experiments) {
    console.log(`Experiment with ID ${exp.experimentId} has been permanently deleted (${exp.freedBytes} bytes freed).`);
  }
  for (const kept of report.kept) console.log(`Kept ${kept.kind} ${kept.id}: ${kept.reason}.`);
  for (const failure of report.artifactErrors) console.log(`Artifacts at ${failure.location} were not deleted: ${failure.message}`);
  console.log(`Freed ${report.freedBytes} bytes: ${report.runs.length} runs, ${report.experiments.length} experiments.`);
}

/**
 * `cairn gc`: MLflow's `mlflow gc` with its options. It talks to the database directly (as
 * MLflow's does) and resolves proxied `mlflow-artifacts:` locations on `--artifacts-destination`,
 * so no tracking server needs to run; `--tracking-uri` is accepted for MLflow's command lines.
 */
export function registerGcCommand(program: Command): void {
  program
    .command("gc")
    .description("Permanently delete runs and experiments in the deleted lifecycle stage, with their artifacts")
    .option("--older-than <duration>", "only what was deleted at least this long ago, e.g. 1d2h3m4s")
    .option("--backend-store-uri <uri>", "the database to purge (default sqlite:///cairn.db)")
    .option("--artifacts-destination <uri>", "folder or s3:// location of proxied artifacts (default ./mlartifacts)")
    .option("--run-ids <ids>", "comma-separated runs to delete (each must be deleted)")
    .option("--experiment-ids <ids>", "comma-separated experiments to delete with their runs (each must be deleted)")
    .option("--tracking-uri <uri>", "accepted for compatibility with mlflow gc; not needed")
    .action(async (options: GcOptions) => {
      const backend = options.backendStoreUri ?? process.env["MLFLOW_BACKEND_STORE_URI"] ?? DEFAULT_BACKEND_STORE_URI;
      const given = options.artifactsDestination ?? process.env["MLFLOW_ARTIFACTS_DESTINATION"] ?? DEFAULT_ARTIFACTS_DESTINATION;
      // As for the server: a URI stays as given, anything else is a folder.
      const destination = /^[a-z][a-z0-9+.-]+:/i.test(given) ? given : path.resolve(given);
      const olderThanMs = options.olderThan ? parseOlderThan(options.olderThan) : 0;
      const { tracking, purge } = await openStores(backend, { defaultArtifactRoot: "mlflow-artifacts:/" });
      try {
        const artifacts = new ArtifactService(await openArtifactRepository(destination));
        const runIds = ids(options.runIds);
        const experimentIds = ids(options.experimentIds);
        const report = await purgeDeleted(
          { tracking, purge, artifacts },
          { olderThanMs, ...(runIds ? { runIds } : {}), ...(experimentIds ? { experimentIds } : {}) },
        );
        printReport(report);
      } finally {
        await tracking.close();
      }
    });
}
