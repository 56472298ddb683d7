// (e) Cold start: spawn `cairn server` on an empty folder until /health answers, 5 times.
import { median, report, startCairn } from "./lib.mjs";

export async function benchStartup() {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const server = await startCairn();
    samples.push(server.startupMs);
    await server.stop();
  }
  report("cold start to first /health, p50", median(samples), "ms");
  report("cold start to first /health, max", Math.max(...samples), "ms");
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
