import type { Duplex } from "node:stream";
import { CairnError, UnsatisfiableRangeError } from "@cairn/core";
import type { FastifyReply } from "fastify";

/** Fastify's own errors (body parsing, limits) mapped onto MLflow codes. */
function fromFrameworkError(error: { code?: string; statusCode?: number; message?: string }): CairnError | null {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new CairnError("INVALID_PARAMETER_VALUE", "Request body is too large.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new CairnError("BAD_REQUEST", "Malformed request.");
    case "FST_ERR_BAD_URL":
      return new CairnError("INVALID_PARAMETER_VALUE", "Malformed URL: an invalid percent-escape.");
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return new CairnError("BAD_REQUEST", "Malformed request.");
      }
      return null;
  }
}

/**
 * The one place errors become `{error_code, message}`. Anything that is not a CairnError is
 * an INTERNAL_ERROR whose details go to the log, never to the client.
 */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof UnsatisfiableRangeError) {
    return reply.code(416).header("Content-Range", `bytes */${error.size}`).type("text/plain; charset=utf-8").send("Range Not Satisfiable");
  }
  let cairn = error instanceof CairnError ? error : fromFrameworkError(error as { code?: string });
  if (!cairn) {
    reply.log.error({ err: error }, "unexpected error");
    cairn = new CairnError("INTERNAL_ERROR", "Internal server error.");
  }
  // MLflow answers "artifacts disabled" with plain text, not JSON.
  if (cairn.code === "TEMPORARILY_UNAVAILABLE") {
    return reply.code(503).type("text/plain; charset=utf-8").send(cairn.message);
  }
  return reply.code(cairn.httpStatus).type("application/json").send(JSON.stringify(cairn.toJSON()));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a raw non-ASCII byte in the
 * URL, a broken header, headers over the size limit) would get Fastify's own
 * `{error, statusCode}` body; clients read `error_code`, so they get MLflow's shape here too.
 * The connection is closed afterwards: the parser cannot find the next request on it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, reason, message] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Request Timeout", "Request timed out."]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", "Request headers are too large."]
        : [400, "Bad Request", "Malformed request."];
  const body = JSON.stringify({ error_code: "BAD_REQUEST", message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
