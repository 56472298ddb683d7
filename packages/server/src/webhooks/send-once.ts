import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedTarget } from "./address-guard.js";

export interface AttemptResult {
  /** The receiver's status, when it answered. */
  status?: number;
  /** The wait `Retry-After` asks for, in milliseconds. */
  retryAfterMs?: number;
  /** Why there is no answer (connection refused, timeout, address changed …). */
  error?: string;
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * One POST of a delivery, to the address that was checked and nowhere else: the host name is
 * answered by a look-up that returns only that address (so TLS still verifies the name while
 * DNS cannot be asked again), the socket's peer is compared with it once connected, redirects
 * are not followed (Node's client never does; a 3xx is just a status), and the response body
 * is never read, only drained.
 */
export function sendOnce(target: CheckedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
    if ((options as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(target.url, {
      method: "POST",
      agent: false,
      lookup: pinned,
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      timeout: timeoutMs,
    });
    request.on("socket", (socket) => {
      socket.once("connect", () => {
        const peer = socket.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, "");
        const expected = target.address.replace(/^::ffff:(?=\d+\.)/, "");
        if (peer !== undefined && peer !== expected) {
          request.destroy(new Error(`connected to ${peer}, not the checked address`));
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", (error) => finish({ error: error.message || String(error) }));
    request.on("response", (response) => {
      const retryAfterMs = parseRetryAfter(response.headers["retry-after"], Date.now());
      // The body is never read into memory (CVE-2026-64849 echoed it); draining frees the socket.
      response.resume();
      response.on("error", () => undefined);
      finish({ status: response.statusCode ?? 0, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
      response.destroy();
    });
    const overall = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 1000);
    overall.unref();
    request.on("close", () => clearTimeout(overall));
    request.end(body);
  });
}
