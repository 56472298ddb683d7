import { CairnError, invalidParameter, type MultipartUploadPart, validateArtifactPath } from "@cairn/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { HandlerContext } from "../handlers/index.js";
import { API_PREFIXES, assertJsonContentType, parseJsonBody } from "./api-routes.js";
import { missingParameter } from "./request-fields.js";

/**
 * MLflow's client turns to multipart upload for large files when
 * `MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD` is set, and falls back to a plain PUT only on this
 * exact NOT_IMPLEMENTED answer (its `_UnsupportedMultipartUploadException`). A local
 * destination has no multipart protocol, so there every `mpu/*` call answers it.
 */
const UNSUPPORTED_MULTIPART = "Multipart upload is not supported for the current artifact repository";

/**
 * The file an `mpu/*` call names. As in MLflow's handlers, the URL holds the destination folder
 * (`<exp>/<run>/artifacts/<artifact_path>`) and the body's `path` is the client's local file,
 * of which only the base name is kept (`os.path.basename`); a Windows client's `\` counts too.
 */
function uploadTarget(request: FastifyRequest, body: Record<string, unknown>): string {
  const folder = validateArtifactPath((request.params as { "*": string })["*"]);
  const local = body["path"];
  if (local === undefined || local === null || local === "") throw missingParameter("path");
  if (typeof local !== "string") throw invalidParameter("Invalid value for parameter 'path': it must be a string");
  const name = validateArtifactPath(local.slice(Math.max(local.lastIndexOf("/"), local.lastIndexOf("\\")) + 1));
  if (name === "") throw invalidParameter("Invalid path");
  return folder ? `${folder}/${name}` : name;
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null || value === "") throw missingParameter(key);
  if (typeof value !== "string") throw invalidParameter(`Invalid value for parameter '${key}': it must be a string`);
  return value;
}

/** `num_parts` as MLflow's `_assert_intlike` reads it: an integer or a string of one. */
function numParts(body: Record<string, unknown>): number {
  const value = body["num_parts"] ?? 1;
  const parsed = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed)) {
    throw invalidParameter("Invalid value for parameter 'num_parts': it must be an integer");
  }
  return parsed;
}

function parts(body: Record<string, unknown>): MultipartUploadPart[] {
  const value = body["parts"];
  if (value === undefined || value === null) throw missingParameter("parts");
  if (!Array.isArray(value)) throw invalidParameter("Invalid value for parameter 'parts': it must be a list");
  return value.map((part: unknown) => {
    const { part_number: number, etag } = (part ?? {}) as Record<string, unknown>;
    if (typeof number !== "number" || !Number.isInteger(number) || number < 1 || typeof etag !== "string" || etag === "") {
      throw invalidParameter("Invalid value for parameter 'parts': each part needs an integer part_number and an etag");
    }
    return { part_number: number, etag };
  });
}

/** `POST /mlflow-artifacts/mpu/{create,complete,abort}/<folder>` (mlflow-wire.md §1.4, §6). */
export function registerMultipartRoutes(app: FastifyInstance, ctx: HandlerContext): void {
  const uploads = (request: FastifyRequest) => {
    // With --no-serve-artifacts the proxy's 503 comes first, as in MLflow.
    const multipart = ctx.artifacts.proxy.multipart;
    if (!multipart) throw new CairnError("NOT_IMPLEMENTED", UNSUPPORTED_MULTIPART);
    assertJsonContentType(request);
    const body = parseJsonBody(request.body);
    return { multipart, body, target: uploadTarget(request, body) };
  };
  for (const prefix of API_PREFIXES) {
    app.post(`${prefix}/mlflow-artifacts/mpu/create/*`, async (request, reply) => {
      const { multipart, body, target } = uploads(request);
      const created = await multipart.create(target, numParts(body));
      return reply.type("application/json").send(JSON.stringify(created));
    });
    app.post(`${prefix}/mlflow-artifacts/mpu/complete/*`, async (request, reply) => {
      const { multipart, body, target } = uploads(request);
      await multipart.complete(target, requiredString(body, "upload_id"), parts(body));
      return reply.type("application/json").send("{}");
    });
    app.post(`${prefix}/mlflow-artifacts/mpu/abort/*`, async (request, reply) => {
      const { multipart, body, target } = uploads(request);
      await multipart.abort(target, requiredString(body, "upload_id"));
      return reply.type("application/json").send("{}");
    });
  }
}
