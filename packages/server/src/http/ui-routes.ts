import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/**
 * The UI loads nothing from elsewhere and runs no inline script; artifact previews are blob:
 * URLs. Styles allow inline because uPlot and React set element styles.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Prefixes that belong to the API: an unknown path there stays a JSON 404, never the app. */
const API_PATHS = ["/api/", "/ajax-api/", "/get-artifact", "/model-versions/", "/health", "/version"];

function sendStatic(reply: FastifyReply, file: string, size: number, immutable: boolean): FastifyReply {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  return reply
    .header("Content-Type", type)
    .header("Content-Length", size)
    .header("X-Content-Type-Options", "nosniff")
    .header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
    .send(fs.createReadStream(file));
}

/**
 * Serves the built web UI (`packages/web/dist`) at `/`: files as they are (hashed `assets/`
 * cached for a year), and `index.html` for every other GET path so the app's own routes
 * (`/experiments/1`, `/models/x`) survive a reload or a shared link.
 */
export function registerUiRoutes(app: FastifyInstance, uiRoot: string): void {
  const root = path.resolve(uiRoot);
  const index = path.join(root, "index.html");
  const sendIndex = async (reply: FastifyReply) => {
    const stat = await fs.promises.stat(index).catch(() => null);
    if (!stat) {
      return reply.code(503).type("text/plain").send("The web UI is not built: run `npm run build` in the Cairn checkout.");
    }
    reply.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    return sendStatic(reply, index, stat.size, false);
  };
  app.get("/", async (_request, reply) => sendIndex(reply));
  app.get("/*", async (request, reply) => {
    const urlPath = request.url.split("?")[0] ?? "/";
    if (API_PATHS.some((prefix) => urlPath.startsWith(prefix))) return reply.callNotFound();
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath);
    } catch {
      return reply.callNotFound();
    }
    const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
    // A path escaping the UI folder, or naming a dotfile, is an app route at most.
    if (file.startsWith(root + path.sep) && !relative.includes("\0") && !/\/\./.test(relative)) {
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat?.isFile()) return sendStatic(reply, file, stat.size, relative.startsWith("/assets/"));
    }
    // Missing hashed assets are real 404s; anything else is a route of the single-page app.
    if (relative.startsWith("/assets/")) return reply.callNotFound();
    return sendIndex(reply);
  });
}
