import { CairnError, CairnRestClient, TransientError } from "@cairn/client";

/** An API call that failed: the server's MLflow error (code and message) or a network failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
  }
}

let client: CairnRestClient | undefined;

/**
 * The SDK's REST client (its browser entry) against the server that served the page. No
 * retries: the UI shows a failure at once and the user asks again.
 */
export function rest(): CairnRestClient {
  client ??= new CairnRestClient({ baseUrl: window.location.origin, retry: { maxRetries: 0 } });
  return client;
}

/** The one place the SDK's errors become the UI's: `CairnError` keeps MLflow's code. */
function toApiError(error: unknown): unknown {
  if (error instanceof CairnError) return new ApiError(error.code, error.message, error.httpStatus);
  if (error instanceof TransientError) return new ApiError("NETWORK_ERROR", `Cannot reach the Cairn server (${error.message}).`, 0);
  return error; // an AbortError, which callers look for by name
}

/** Runs one SDK call, rethrowing its failure as an `ApiError`. */
export async function send<T>(call: (client: CairnRestClient) => Promise<T>): Promise<T> {
  try {
    return await call(rest());
  } catch (error) {
    throw toApiError(error);
  }
}

/** A raw file the server sends (artifact downloads), as text or bytes with its content type. */
export function file(path: string, query: Record<string, string>, as: "text" | "blob"): Promise<string | Blob> {
  return send(async (client) => {
    const response = await client.http.send("GET", path, { json: query });
    return as === "text" ? response.text() : response.blob();
  });
}

/** The URL of a download link the browser follows itself. */
export const url = (path: string, query: Record<string, string>) => rest().http.url(path, query);
