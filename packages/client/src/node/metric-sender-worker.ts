/**
 * The worker thread behind `WorkerMetricSender`: turns metric columns into log-batch JSON and
 * sends them with the REST transport's retries, off the training loop's thread. Requests are
 * independent, so several run at once (as many as the pipeline has in flight).
 */
import { parentPort, workerData } from "node:worker_threads";
import { CairnError } from "@cairn/core";
import { HttpTransport, type HttpTransportOptions } from "../rest/http-transport.js";
import { encodeMetricBatch } from "../rest/metric-batch-json.js";
import { TransientError } from "../rest/transient-error.js";
import { nodeHttpFetch } from "./node-http-fetch.js";
import type { SendReply, SendRequest } from "./worker-metric-sender.js";

const port = parentPort;
if (!port) throw new Error("metric-sender-worker runs as a worker thread");

const http = new HttpTransport({ ...(workerData as HttpTransportOptions), fetch: nodeHttpFetch() });
/** Each key as a JSON string literal, by id (the main thread sends new names before their first use). */
const keyJson: string[] = [];

port.on("message", (request: SendRequest) => {
  for (const name of request.newKeys) keyJson.push(JSON.stringify(name));
  void send(request).then((reply) => port.postMessage(reply));
});

async function send(request: SendRequest): Promise<SendReply> {
  try {
    await http.request("POST", "/api/2.0/mlflow/runs/log-batch", { jsonText: encodeMetricBatch(request.runId, keyJson, request) });
    return { id: request.id };
  } catch (error) {
    if (error instanceof CairnError) return { id: request.id, error: { kind: "server", code: error.code, message: error.message } };
    if (error instanceof TransientError)
      return { id: request.id, error: { kind: "transient", message: error.message, status: error.status } };
    return { id: request.id, error: { kind: "other", message: error instanceof Error ? error.message : String(error) } };
  }
}
