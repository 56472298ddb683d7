import type { TestServer } from "./test-server.js";

export interface Reply {
  status: number;
  json: Record<string, unknown>;
  text: string;
  headers: Headers;
}

/** Any method with a JSON body (MLflow's PATCH and DELETE carry one), or a GET with a query. */
export async function call(server: TestServer, method: string, route: string, body?: unknown): Promise<Reply> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(`${server.url}${route}`, init);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: response.status, json, text, headers: response.headers };
}
