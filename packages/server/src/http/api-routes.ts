import { api, CairnError } from "@cairn/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HANDLERS, type HandlerContext } from "../handlers/index.js";
import { assertRequired, convertMessage, convertQuery } from "./request-fields.js";
import { toWireJson } from "./wire-json.js";

/** Each MLflow rpc is served at both prefixes: clients use /api, the UI /ajax-api. */
export const API_PREFIXES = ["/api/2.0", "/ajax-api/2.0"] as const;

export function parseJsonBody(raw: unknown): Record<string, unknown> {
  if (typeof raw !== "string" || raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
    // A legacy client sends a JSON string holding JSON; MLflow decodes it a second time.
    if (typeof parsed === "string") parsed = JSON.parse(parsed);
  } catch {
    // MLflow reads invalid JSON as {}, which then fails the required-field checks.
    return {};
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

export function assertJsonContentType(request: FastifyRequest): void {
  const type = request.headers["content-type"];
  const mediaType = typeof type === "string" ? type.split(";")[0]?.trim().toLowerCase() : undefined;
  if (mediaType !== "application/json") {
    // The header is never echoed back (CVE-2023-6568 reflected it into an HTML page).
    throw new CairnError("INVALID_PARAMETER_VALUE", "Bad Request. Content-Type must be 'application/json'.");
  }
}

/** Fastify does not parse GET bodies; MLflow reads one when a GET has no query string. */
async function readGetBody(request: FastifyRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end and dropped, not abandoned: leaving the loop early
  // destroys the request stream, and the unread bytes then stall the keep-alive connection,
  // whose next request is never answered. A body past GET_BODY_DRAIN_LIMIT is not worth
  // draining (a client that never stops sending would hold the handler): its connection is cut.
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= GET_BODY_LIMIT) chunks.push(chunk);
    else if (size > GET_BODY_DRAIN_LIMIT) {
      request.raw.socket.destroy();
      break;
    }
  }
  if (size > GET_BODY_LIMIT) throw new CairnError("INVALID_PARAMETER_VALUE", "Request body is too large.");
  return Buffer.concat(chunks).toString("utf8");
}

const GET_BODY_LIMIT = 1024 * 1024;
const GET_BODY_DRAIN_LIMIT = 16 * GET_BODY_LIMIT;

/**
 * Reads a request the way MLflow does: query for GET (JSON body without one), JSON otherwise.
 * Path parameters (`:model_id`) are fields of the message too, and win over the body, as
 * MLflow's handlers take them from the URL.
 */
async function readRequest(operation: api.Operation, request: FastifyRequest): Promise<Record<string, unknown>> {
  const query = request.query as Record<string, string | string[] | undefined>;
  let message: Record<string, unknown>;
  if (request.method === "GET") {
    const hasQuery = request.url.includes("?");
    message = hasQuery
      ? convertQuery(operation.request, query)
      : convertMessage(operation.request, parseJsonBody(await readGetBody(request)));
  } else {
    if (request.method === "POST" || request.method === "PUT") assertJsonContentType(request);
    message = convertMessage(operation.request, parseJsonBody(request.body));
  }
  // Path parameters (`/webhooks/:webhook_id`) win over a body or query field of the same name.
  const params = request.params as Record<string, string> | undefined;
  if (params && Object.keys(params).length > 0) Object.assign(message, convertMessage(operation.request, params));
  assertRequired(operation.request, message);
  return message;
}

/** Registers every operation of the wire contract under both prefixes. */
export function registerApiRoutes(app: FastifyInstance, ctx: HandlerContext): void {
  for (const operation of api.ALL_OPERATIONS) {
    const handler = HANDLERS[operation.name];
    for (const prefix of API_PREFIXES) {
      app.route({
        method: [...operation.methods],
        url: `${prefix}${operation.path}`,
        handler: async (request, reply) => {
          const response = await handler(ctx, await readRequest(operation, request));
          return reply.type("application/json").send(toWireJson(response));
        },
      });
    }
  }
}
