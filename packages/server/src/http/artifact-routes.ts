import { Readable } from "node:stream";
import { type ArtifactRepository, CairnError, parseRangeHeader } from "@cairn/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { HandlerContext } from "../handlers/index.js";
import { API_PREFIXES } from "./api-routes.js";
import { toWireJson } from "./wire-json.js";

const MIME_TYPES: Record<string, string> = {
  txt: "text/plain",
  log: "text/plain",
  json: "application/json",
  yaml: "text/plain",
  yml: "text/plain",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  html: "text/plain",
  md: "text/plain",
};

/**
 * A query parameter as MLflow's GET parsing reads it: the first of repeated keys (`?path=a&path=b`
 * gives "a"), so an array never reaches the path checks.
 */
function queryValue(request: FastifyRequest, key: string): string | undefined {
  const value = (request.query as Record<string, string | string[] | undefined>)[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A filename safe for a quoted header value: no quotes, backslashes or control characters. */
function safeFilename(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.replace(/[\u0000-\u001f\u007f"\\]/g, "_").replace(/[^\x20-\x7e]/g, "_") || "artifact";
}

/**
 * Streams a stored file as an attachment with `nosniff`, so a served artifact can never run
 * as a page in the UI's origin (MLflow does the same on purpose). A single `Range` asked for
 * is answered 206 with `Content-Range` (resumed downloads, readers of file footers); one past
 * the end is a 416 (see error-reply.ts); any other Range header gets the whole file.
 */
export async function sendFile(
  reply: FastifyReply,
  repository: ArtifactRepository,
  path: string,
  rangeHeader?: string | string[],
): Promise<FastifyReply> {
  const asked = parseRangeHeader(typeof rangeHeader === "string" ? rangeHeader : undefined);
  const { stream, size, range } = await repository.read(path, asked ?? undefined);
  const extension = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  reply
    .header("Content-Type", MIME_TYPES[extension] ?? "application/octet-stream")
    .header("Accept-Ranges", "bytes")
    .header("Content-Disposition", `attachment; filename="${safeFilename(path)}"`)
    .header("X-Content-Type-Options", "nosniff");
  if (range) {
    reply
      .code(206)
      .header("Content-Range", `bytes ${range.start}-${range.end}/${size}`)
      .header("Content-Length", range.end - range.start + 1);
  } else {
    reply.header("Content-Length", size);
  }
  return reply.send(stream);
}

/** How long a presigned download URL lives: MLflow's `MLFLOW_PRESIGNED_DOWNLOAD_URL_TTL_SECONDS`. */
function presignedTtlSeconds(): number {
  const value = Number(process.env["MLFLOW_PRESIGNED_DOWNLOAD_URL_TTL_SECONDS"] ?? "");
  return Number.isInteger(value) && value > 0 ? value : 3600;
}

/** The artifact proxy (`/mlflow-artifacts/artifacts/…`) and the UI's `get-artifact`. */
export function registerArtifactRoutes(app: FastifyInstance, ctx: HandlerContext): void {
  const { artifacts } = ctx;
  for (const prefix of API_PREFIXES) {
    const base = `${prefix}/mlflow-artifacts/artifacts`;
    app.get(base, async (request, reply) => {
      const files = await artifacts.listProxied(queryValue(request, "path") ?? "");
      return reply.type("application/json").send(toWireJson({ files }));
    });
    app.get(`${base}/*`, async (request, reply) => {
      const path = artifacts.proxiedPath((request.params as { "*": string })["*"]);
      return sendFile(reply, artifacts.proxy, path, request.headers.range);
    });
    app.put(`${base}/*`, async (request, reply) => {
      const path = artifacts.proxiedPath((request.params as { "*": string })["*"]);
      const repository = artifacts.proxy;
      // A request without a body never reaches the content-type parser: it is an empty file.
      await repository.write(path, (request.body as Readable | undefined) ?? Readable.from([]));
      return reply.type("application/json").send("{}");
    });
    app.delete(`${base}/*`, async (request, reply) => {
      const path = artifacts.proxiedPath((request.params as { "*": string })["*"]);
      await artifacts.proxy.delete(path);
      return reply.type("application/json").send("{}");
    });
  }
  for (const prefix of API_PREFIXES) {
    // MLflow master's direct download: a URL to fetch the file from the backing store itself.
    app.get(`${prefix}/mlflow-artifacts/presigned/*`, async (request, reply) => {
      const path = artifacts.proxiedPath((request.params as { "*": string })["*"]);
      const repository = artifacts.proxy;
      if (!repository.presignDownload || path === "") {
        throw new CairnError("NOT_IMPLEMENTED", "Presigned download URLs are not supported for the current artifact repository");
      }
      return reply.type("application/json").send(JSON.stringify(await repository.presignDownload(path, presignedTtlSeconds())));
    });
  }
  for (const url of ["/get-artifact", "/ajax-api/2.0/mlflow/get-artifact"]) {
    app.get(url, async (request, reply) => {
      const run = await ctx.store.getRun(queryValue(request, "run_id") ?? queryValue(request, "run_uuid") ?? "");
      const { repository, path } = await artifacts.locate(run.info.artifact_uri, queryValue(request, "path") ?? "");
      return sendFile(reply, repository, path, request.headers.range);
    });
  }
}
