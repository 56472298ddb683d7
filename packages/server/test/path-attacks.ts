import http from "node:http";

/** An HTTP request whose path goes on the wire exactly as written. */
export function rawRequest(base: string, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method, path, headers: body ? { "content-length": Buffer.byteLength(body) } : {} },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** §10.2 path shapes sent raw in the proxy URL: every one must be a 400 "Invalid path". */
export const PATH_ATTACKS = [
  "../x",
  "..%2fx",
  "a/../../b",
  "%2e%2e%2fetc%2fpasswd",
  "%252e%252e%252fetc%252fpasswd",
  "..%5c..%5cwindows",
  "a%00b",
  "%00",
  "a%23/../b",
  "a%3f/../../b",
  "a;..%2F..%2Fetc",
  "C:/Windows",
  "%5c%5chost%5cshare",
];

/** §10.2 path shapes sent in `?path=`. */
export const QUERY_PATH_ATTACKS = [
  "../../etc/passwd",
  "/etc/passwd",
  "%2e%2e/%2e%2e/etc",
  "C:/",
  "\\\\host\\share",
  "a#/../../b",
  "a?/../../b",
  "..%00",
];
