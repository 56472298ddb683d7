// (g) Artifacts at scale: a 1 GB file uploaded (PUT) and downloaded (GET) through the artifact
// proxy, on local disk and on S3 (s3rver on 127.0.0.1), each as a ratio against a plain file
// copy of the same file on this machine, with the server's peak resident memory.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { generatedBytes, startS3rver } from "../internal/conformance/dist/index.js";
import { startCairn } from "./lib.mjs";

const SIZE = Number(process.env.CAIRN_BENCH_ARTIFACT_BYTES ?? 1024 ** 3);

function peakRssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function put(url, file) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "PUT", headers: { "content-length": fs.statSync(file).size } }, (response) => {
      response.resume();
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`PUT ${response.statusCode}`))));
    });
    request.on("error", reject);
    pipeline(fs.createReadStream(file), request).catch(reject);
  });
}

async function get(url, file) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${response.status}`);
  await pipeline(response.body, fs.createWriteStream(file));
}

async function timed(work) {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-artifacts-"));
const source = path.join(dir, "source.bin");
await pipeline(generatedBytes(SIZE), fs.createWriteStream(source));
const copySeconds = await timed(() => fs.promises.copyFile(source, path.join(dir, "copy.bin")));
fs.rmSync(path.join(dir, "copy.bin"));
const gb = SIZE / 1024 ** 3;
console.log(`artifacts: ${gb.toFixed(2)} GB file; plain file copy ${copySeconds.toFixed(2)} s (${(gb / copySeconds).toFixed(2)} GB/s)`);

async function measure(label, args, env) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const cairn = await startCairn(args);
  Object.assign(process.env, saved);
  try {
    const target = `${cairn.url}/api/2.0/mlflow-artifacts/artifacts/0/bench/artifacts/weights.bin`;
    const up = await timed(() => put(target, source));
    const down = await timed(() => get(target, path.join(dir, "download.bin")));
    if (fs.statSync(path.join(dir, "download.bin")).size !== SIZE) throw new Error("size mismatch");
    fs.rmSync(path.join(dir, "download.bin"));
    const peak = peakRssMb(cairn.pid);
    console.log(
      `  ${label.padEnd(6)} upload ${up.toFixed(2)} s (${(up / copySeconds).toFixed(2)}× copy), download ${down.toFixed(2)} s (${(down / copySeconds).toFixed(2)}× copy), server peak RSS ${peak.toFixed(0)} MB`,
    );
  } finally {
    await cairn.stop();
  }
}

try {
  await measure("local", [], {});
  const s3 = await startS3rver(["bench"]);
  try {
    await measure("s3", ["--artifacts-destination", "s3://bench/mlartifacts"], s3.env);
  } finally {
    await s3.stop();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
