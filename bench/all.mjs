// Every benchmark of the foundation issue against one server, then its RSS (d), then cold
// start (e). Run with `npm run bench` after `npm ci`.
import { benchHistory } from "./history.mjs";
import { benchIngest } from "./ingest.mjs";
import { report, rssMb, startCairn } from "./lib.mjs";
import { benchRegistry } from "./registry.mjs";
import { benchSearch } from "./search.mjs";
import { benchStartup } from "./startup.mjs";

console.log(`Cairn benchmarks on ${(await import("node:os")).cpus().length} cores, Node ${process.version}, SQLite store\n`);
const server = await startCairn();
try {
  await benchIngest(server);
  await benchSearch(server);
  await benchHistory(server);
  await benchRegistry(server);
  report("(d) server RSS after all the load above", rssMb(server.pid), "MB", { value: 650, ratio: (v) => `${(650 / v).toFixed(1)}x less` });
} finally {
  await server.stop();
}
await benchStartup();
