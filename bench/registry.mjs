// (f) The model registry: 1,000 registered models × 10 versions, each with tags, and two
// aliases per model. Reports search-model-versions by name and by tag, get-by-alias, and the
// whole client-side download of `models:/name@alias` as the Python client does it: resolve the
// alias, ask for the download URI, then GET the file through the artifact proxy.
import { get, median, percentile, post, report, rssMb, startCairn } from "./lib.mjs";

const MODELS = 1000;
const VERSIONS = 10;
const REPEATS = 200;
const WORKERS = 8;

async function seed(url) {
  const { run } = await post(url, "/runs/create", { experiment_id: "0" });
  const stored = run.info.artifact_uri.replace(/^mlflow-artifacts:\//, "");
  const put = await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts/${stored}/model/MLmodel`, {
    method: "PUT",
    body: `artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n${"# padding\n".repeat(100)}`,
  });
  if (!put.ok) throw new Error(`artifact upload failed: ${put.status}`);
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < MODELS) {
        const i = next++;
        const name = `model-${i}`;
        await post(url, "/registered-models/create", {
          name,
          tags: [
            { key: "team", value: `team-${i % 10}` },
            { key: "batch", value: `b-${i % 100}` },
          ],
        });
        for (let v = 1; v <= VERSIONS; v++) {
          await post(url, "/model-versions/create", {
            name,
            source: `runs:/${run.info.run_id}/model`,
            run_id: run.info.run_id,
            tags: [
              { key: "batch", value: `b-${i % 100}` },
              { key: "accuracy", value: String(Math.random()) },
            ],
          });
        }
        await post(url, "/registered-models/alias", { name, alias: "champion", version: String(VERSIONS) });
        await post(url, "/registered-models/alias", { name, alias: "challenger", version: String(VERSIONS - 1) });
      }
    }),
  );
}

async function timed(fn) {
  const samples = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

const pick = (i) => `model-${(i * 7919) % MODELS}`;

export async function benchRegistry(server) {
  const seedStarted = performance.now();
  await seed(server.url);
  report(`seed ${MODELS} models × ${VERSIONS} versions + aliases over REST`, (performance.now() - seedStarted) / 1000, "s");

  let byNameCount = 0;
  const byName = await timed(async (i) => {
    const filter = encodeURIComponent(`name = '${pick(i)}'`);
    byNameCount = (await get(server.url, `/model-versions/search?filter=${filter}`)).model_versions.length;
  });
  report(`search-model-versions by name, p50 (${byNameCount} rows)`, median(byName), "ms");
  report("search-model-versions by name, p90", percentile(byName, 90), "ms");

  let byTagCount = 0;
  const byTag = await timed(async (i) => {
    const filter = encodeURIComponent(`tags.batch = 'b-${i % 100}'`);
    byTagCount = (await get(server.url, `/model-versions/search?filter=${filter}&max_results=1000`)).model_versions.length;
  });
  report(`search-model-versions by tag, p50 (${byTagCount} rows)`, median(byTag), "ms");
  report("search-model-versions by tag, p90", percentile(byTag, 90), "ms");

  const models = await timed(async () => {
    await get(server.url, "/registered-models/search?max_results=100");
  });
  report("search-registered-models page of 100, p50", median(models), "ms");

  const byAlias = await timed(async (i) => {
    await get(server.url, `/registered-models/alias?name=${pick(i)}&alias=champion`);
  });
  report("get-model-version-by-alias, p50", median(byAlias), "ms");
  report("get-model-version-by-alias, p90", percentile(byAlias, 90), "ms");

  let bytes = 0;
  const download = await timed(async (i) => {
    const name = pick(i);
    const { model_version } = await get(server.url, `/registered-models/alias?name=${name}&alias=champion`);
    const { artifact_uri } = await get(server.url, `/model-versions/get-download-uri?name=${name}&version=${model_version.version}`);
    const stored = artifact_uri.replace(/^mlflow-artifacts:\//, "");
    const file = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts/${stored}/MLmodel`);
    if (!file.ok) throw new Error(`download failed: ${file.status}`);
    bytes = (await file.arrayBuffer()).byteLength;
  });
  report(`download models:/name@alias (3 requests, ${bytes} B), p50`, median(download), "ms");
  report("download models:/name@alias, p90", percentile(download, 90), "ms");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startCairn();
  try {
    await benchRegistry(server);
    report("server RSS after registry load", rssMb(server.pid), "MB");
  } finally {
    await server.stop();
  }
}
