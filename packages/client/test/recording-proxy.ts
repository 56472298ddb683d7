import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query string, as sent. */
  url: string;
  body: string;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy on 127.0.0.1 that records each request before forwarding it to
 * `target`: lets a test see exactly what the SDK put on the wire while a real server answers.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer(async (request, reply) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    requests.push({ method, url, body });
    const contentType = request.headers["content-type"];
    const answer = await fetch(`${target}${url}`, {
      method,
      headers: contentType ? { "content-type": contentType } : {},
      ...(body ? { body } : {}),
    });
    reply.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    reply.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
