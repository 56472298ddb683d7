import type { Backend } from "../backend/backend.js";
import { CairnRestClient } from "./cairn-rest-client.js";
import type { HttpTransportOptions } from "./http-transport.js";
import { RestArtifactStore } from "./rest-artifact-store.js";
import { RestRegistryStore } from "./rest-registry-store.js";
import { RestTrackingStore } from "./rest-tracking-store.js";

/**
 * A backend that talks to a Cairn (or MLflow) server over REST. Browser-safe.
 *
 * @example
 * const backend = openRestBackend({ baseUrl: "http://127.0.0.1:5000" });
 */
export function openRestBackend(options: HttpTransportOptions): Backend & { client: CairnRestClient } {
  const client = new CairnRestClient(options);
  return {
    uri: client.http.baseUrl,
    kind: "rest",
    client,
    tracking: new RestTrackingStore(client),
    registry: new RestRegistryStore(client),
    artifacts: new RestArtifactStore(client),
    async ping() {
      try {
        // One attempt, short timeout: the background logger probes often while offline.
        const response = await fetch(`${client.http.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    },
    async close() {},
  };
}
