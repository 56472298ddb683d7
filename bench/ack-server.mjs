// BENCH-ONLY, NOT A CAIRN SERVER: answers just the calls the SDK benchmarks make (experiment by
// name, run create/update, log-batch, /health) with fixed, well-formed MLflow replies, after
// reading each body whole. It stores nothing. `SERVER=ack npm run bench:sdk-overhead` uses it to
// separate the SDK's own overhead from the real server's competition for the machine's cores.
import http from "node:http";

const port = Number(process.argv[2] ?? 0);
let runs = 0;
let points = 0;

const experiment = { experiment_id: "0", name: "Default", artifact_location: "mlflow-artifacts:/0", lifecycle_stage: "active" };

function reply(path, body) {
  if (path === "/health") return "OK";
  if (path.endsWith("/experiments/get-by-name")) return { experiment };
  if (path.endsWith("/runs/create")) {
    runs += 1;
    const run_id = runs.toString(16).padStart(32, "0");
    const info = {
      run_id,
      run_uuid: run_id,
      experiment_id: "0",
      status: "RUNNING",
      start_time: Date.now(),
      artifact_uri: `mlflow-artifacts:/0/${run_id}/artifacts`,
      lifecycle_stage: "active",
    };
    return { run: { info, data: {} } };
  }
  if (path.endsWith("/runs/update")) {
    const { run_id, status, end_time } = JSON.parse(body);
    return { run_info: { run_id, run_uuid: run_id, experiment_id: "0", status, end_time, lifecycle_stage: "active" } };
  }
  if (path.endsWith("/runs/log-batch")) {
    // Parse like the real server does, so the figure includes reading a body, not just a socket.
    points += JSON.parse(body).metrics?.length ?? 0;
    return {};
  }
  return null;
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const path = (request.url ?? "/").split("?")[0];
    const out = reply(path, Buffer.concat(chunks).toString("utf8"));
    if (out === null) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error_code: "ENDPOINT_NOT_FOUND", message: `ack-server: ${path}` }));
      return;
    }
    response.writeHead(200, { "content-type": typeof out === "string" ? "text/plain" : "application/json" });
    response.end(typeof out === "string" ? out : JSON.stringify(out));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  console.error(`ack-server: ${runs} runs, ${points} points acknowledged`);
  process.exit(0);
});
