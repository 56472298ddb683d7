// Every benchmark of the foundation issue against one server, then its RSS (d), then cold
// start (e). Run with `npm run bench` after `npm ci`. BACKEND_STORE_URI runs the server on
// another store (an empty PostgreSQL or MySQL database); the default is a fresh SQLite file.
import { benchHistory } from "./history.mjs";
import { benchIngest } from "./ingest.mjs";
import { report, rssMb, speedProbe, startCairn } from "./lib.mjs";
import { benchRegistry } from "./registry.mjs";
import { benchSearch } from "./search.mjs";
import { benchStartup } from "./startup.mjs";

const backend = process.env.BACKEND_STORE_URI;
const storeName = backend ? new URL(backend).protocol.replace(/:$/, "") : "SQLite";
console.log(`Cairn benchmarks on ${(await import("node:os")).cpus().length} cores, Node ${process.version}, ${storeName} store\n`);
report("speed probe before (JSON of 100k points; ~31 quiet)", speedProbe(), "ms");
const server = await startCairn(backend ? ["--backend-store-uri", backend] : []);
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
report("speed probe after", speedProbe(), "ms");
