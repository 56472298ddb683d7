import http from "node:http";
import https from "node:https";

/**
 * A `fetch` over node:http with keep-alive agents, for `HttpTransport` in the metric sender's
 * worker thread: undici's fetch costs about a millisecond of CPU per request (WHATWG streams, a
 * body tee per request), node:http a fraction of that, and the worker shares the machine's cores
 * with the training loop and often the server. Only what `HttpTransport` uses is supported: a
 * string or byte body, headers, an abort signal; the answer is read whole.
 *
 * @example
 * const transport = new HttpTransport({ baseUrl, fetch: nodeHttpFetch() });
 */
export function nodeHttpFetch(): typeof fetch {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const secure = url.protocol === "https:";
      const request = (secure ? https : http).request(
        url,
        {
          method: init.method ?? "GET",
          headers: init.headers as Record<string, string> | undefined,
          agent: secure ? agents.https : agents.http,
          signal: init.signal ?? undefined,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === "string") headers.set(name, value);
            }
            const status = response.statusCode ?? 500;
            // A Response may not carry a body with these statuses.
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, statusText: response.statusMessage ?? "", headers }));
          });
        },
      );
      request.on("error", reject);
      request.end(init.body as string | Uint8Array | undefined);
    });
}
