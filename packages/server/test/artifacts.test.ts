import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATH_ATTACKS as attacks, QUERY_PATH_ATTACKS as queryAttacks, rawRequest } from "./path-attacks.js";
import { startTestServer, type TestServer } from "./test-server.js";

const PROXY = "/api/2.0/mlflow-artifacts/artifacts";

/** The artifact proxy on local disk, run listings and downloads, and the §10.2 path attacks. */
describe("artifact proxy", () => {
  let server: TestServer;
  let runId = "";
  let artifactUri = "";

  beforeAll(async () => {
    server = await startTestServer();
    const run = (await server.post("/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json["run"] as {
      info: { run_id: string; artifact_uri: string };
    };
    runId = run.info.run_id;
    artifactUri = run.info.artifact_uri;
  });
  afterAll(() => server.close());

  const put = (route: string, body: string | Buffer) => fetch(`${server.url}${route}`, { method: "PUT", body });

  it("creates runs under mlflow-artifacts:/<experiment>/<run>/artifacts", () => {
    expect(artifactUri).toBe(`mlflow-artifacts:/0/${runId}/artifacts`);
  });

  it("uploads, lists, downloads and deletes files the way the MLflow client does", async () => {
    const base = `${PROXY}/0/${runId}/artifacts`;
    expect((await put(`${base}/model/MLmodel`, "flavors: {}\n")).status).toBe(200);
    expect((await put(`${base}/notes.txt`, "hello")).status).toBe(200);
    const listing = await server.get(`${PROXY}?path=0/${runId}/artifacts`);
    expect(listing.json).toEqual({
      files: [
        { path: "model", is_dir: true },
        { path: "notes.txt", is_dir: false, file_size: 5 },
      ],
    });
    const download = await fetch(`${server.url}${base}/notes.txt`);
    expect(await download.text()).toBe("hello");
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="notes.txt"');
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    const runListing = await server.get(`/api/2.0/mlflow/artifacts/list?run_id=${runId}`);
    expect(runListing.json).toEqual({
      root_uri: artifactUri,
      files: [
        { path: "model", is_dir: true },
        { path: "notes.txt", is_dir: false, file_size: 5 },
      ],
    });
    const nested = await server.get(`/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=model`);
    expect(nested.json["files"]).toEqual([{ path: "model/MLmodel", is_dir: false, file_size: 12 }]);
    const viaUi = await fetch(`${server.url}/get-artifact?run_id=${runId}&path=model/MLmodel`);
    expect(await viaUi.text()).toBe("flavors: {}\n");
    expect((await fetch(`${server.url}${base}/notes.txt`, { method: "DELETE" })).status).toBe(200);
    expect((await fetch(`${server.url}${base}/notes.txt`)).status).toBe(404);
  });

  it("streams a large upload and download byte for byte", async () => {
    const size = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = i % 251;
    const body = new ReadableStream({
      start(controller) {
        for (let sent = 0; sent < size; sent += chunk.length) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${server.url}${PROXY}/0/${runId}/artifacts/big.bin`, {
      method: "PUT",
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(200);
    const download = await fetch(`${server.url}${PROXY}/0/${runId}/artifacts/big.bin`);
    expect(download.headers.get("content-length")).toBe(String(size));
    let received = 0;
    let mismatch = false;
    for await (const part of download.body as unknown as AsyncIterable<Uint8Array>) {
      for (let i = 0; i < part.length; i++) if (part[i] !== ((received + i) % (1024 * 1024)) % 251) mismatch = true;
      received += part.length;
    }
    expect(received).toBe(size);
    expect(mismatch).toBe(false);
  });

  it("leaves no half-written file when an upload is cut off", async () => {
    const target = `${PROXY}/0/${runId}/artifacts/cut.bin`;
    const { port } = new URL(server.url);
    const net = await import("node:net");
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(`PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n`);
        socket.write(Buffer.alloc(1000));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${server.url}${target}`)).status).toBe(404);
    const staged = path.join(server.dir, "artifacts", ".cairn-staging");
    expect(fs.existsSync(staged) ? fs.readdirSync(staged) : []).toEqual([]);
  });

  // mlflow-wire.md §10.2: every path shape must be refused with 400 "Invalid path".

  it.each(attacks)("refuses %s on PUT, GET and DELETE of the proxy", async (attack) => {
    for (const method of ["PUT", "GET", "DELETE"]) {
      // Sent raw: fetch would normalise `..` segments away before they reach the server.
      const response = await rawRequest(server.url, method, `${PROXY}/${attack}`, method === "PUT" ? "pwned" : undefined);
      expect(response.status, `${method} ${attack}`).toBe(400);
      expect(JSON.parse(response.text).message).toBe("Invalid path");
    }
    expect(fs.existsSync(path.join(server.dir, "x"))).toBe(false);
  });

  it.each(queryAttacks)("refuses path=%s on listing and get-artifact routes", async (attack) => {
    const encoded = encodeURIComponent(attack);
    for (const route of [
      `${PROXY}?path=${encoded}`,
      `/ajax-api/2.0/mlflow-artifacts/artifacts?path=${encoded}`,
      `/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=${encoded}`,
      `/get-artifact?run_id=${runId}&path=${encoded}`,
    ]) {
      const response = await server.get(route);
      expect(response.status, route).toBe(400);
      expect(response.json).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Invalid path" });
    }
  });

  // Requests the filesystem cannot satisfy are the client's error (4xx), never an internal one.
  describe("uploads and deletes the filesystem refuses", () => {
    const base = () => `${PROXY}/0/${runId}/artifacts/f6`;
    const invalid = async (response: Response, what: string) => {
      expect(response.status, what).toBe(400);
      expect((await response.json())["error_code"], what).toBe("INVALID_PARAMETER_VALUE");
    };

    it("refuses a PUT onto an existing directory", async () => {
      expect((await put(`${base()}/dir/inside.txt`, "x")).status).toBe(200);
      await invalid(await put(`${base()}/dir`, "x"), "PUT dir");
    });

    it("refuses a PUT below an existing file", async () => {
      expect((await put(`${base()}/a/file.txt`, "x")).status).toBe(200);
      await invalid(await put(`${base()}/a/file.txt/sub`, "x"), "PUT a/file.txt/sub");
      await invalid(await put(`${base()}/a/file.txt/sub/deeper`, "x"), "PUT a/file.txt/sub/deeper");
    });

    it("stores an empty file for a PUT with no body and no content type", async () => {
      const { port } = new URL(server.url);
      const net = await import("node:net");
      const target = `${base()}/empty.txt`;
      const head = await new Promise<string>((resolve, reject) => {
        let received = "";
        const socket = net.connect(Number(port), "127.0.0.1", () => {
          socket.write(`PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        });
        socket.on("data", (chunk) => {
          received += chunk;
        });
        socket.on("end", () => resolve(received));
        socket.on("error", reject);
      });
      expect(head.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
      const download = await fetch(`${server.url}${target}`);
      expect(download.status).toBe(200);
      expect(await download.text()).toBe("");
      expect((await fetch(`${server.url}${base()}/empty-fetch.txt`, { method: "PUT" })).status).toBe(200);
    });

    it("refuses a path segment longer than the filesystem allows on PUT, GET and DELETE", async () => {
      const long = `${base()}/${"n".repeat(256)}.txt`;
      await invalid(await put(long, "x"), "PUT");
      await invalid(await put(`${base()}/${"n".repeat(256)}/x.txt`, "x"), "PUT below");
      await invalid(await fetch(`${server.url}${long}`, { method: "DELETE" }), "DELETE");
      await invalid(await fetch(`${server.url}${long}`), "GET");
    });

    it("takes the first of repeated path= keys, as MLflow's GET parsing does", async () => {
      expect((await put(`${base()}/first/one.txt`, "one")).status).toBe(200);
      const listing = await server.get(`${PROXY}?path=0/${runId}/artifacts/f6/first&path=elsewhere`);
      expect(listing.status).toBe(200);
      expect(listing.json).toEqual({ files: [{ path: "one.txt", is_dir: false, file_size: 3 }] });
      const viaUi = await fetch(`${server.url}/get-artifact?run_id=${runId}&path=f6/first/one.txt&path=other`);
      expect(viaUi.status).toBe(200);
      expect(await viaUi.text()).toBe("one");
      const runListing = await server.get(`/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=f6/first&path=other`);
      expect(runListing.json["files"]).toEqual([{ path: "f6/first/one.txt", is_dir: false, file_size: 3 }]);
    });
  });

  it("stores a name with a percent sign as sent, decoded once", async () => {
    const base = `${PROXY}/0/${runId}/artifacts/pct`;
    expect((await put(`${base}/a%2541.txt`, "escaped")).status).toBe(200);
    expect((await put(`${base}/100%25.txt`, "literal")).status).toBe(200);
    const listing = await server.get(`${PROXY}?path=${encodeURIComponent(`0/${runId}/artifacts/pct`)}`);
    expect(listing.json).toEqual({
      files: [
        { path: "100%.txt", is_dir: false, file_size: 7 },
        { path: "a%41.txt", is_dir: false, file_size: 7 },
      ],
    });
    expect(await (await fetch(`${server.url}${base}/a%2541.txt`)).text()).toBe("escaped");
    expect((await fetch(`${server.url}${base}/aA.txt`)).status).toBe(404);
    const viaUi = await fetch(`${server.url}/get-artifact?run_id=${runId}&path=${encodeURIComponent("pct/100%.txt")}`);
    expect(await viaUi.text()).toBe("literal");
  });

  // A symbolic link inside the artifact folder must not lead any route outside it.
  describe("symbolic links out of the artifact folder", () => {
    let outside = "";
    let runDir = "";

    beforeAll(() => {
      outside = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-outside-"));
      fs.writeFileSync(path.join(outside, "secret.txt"), "secret");
      const root = path.join(server.dir, "artifacts");
      runDir = path.join(root, "0", runId, "artifacts");
      fs.mkdirSync(runDir, { recursive: true });
      fs.symlinkSync(outside, path.join(root, "lnk"));
      fs.symlinkSync(path.join(outside, "secret.txt"), path.join(root, "file-lnk"));
      fs.symlinkSync(outside, path.join(runDir, "lnk"));
      fs.symlinkSync(path.join(outside, "missing"), path.join(root, "dangling"));
      // A link that stays inside the folder is fine.
      fs.writeFileSync(path.join(root, "inner.txt"), "inner");
      fs.symlinkSync("inner.txt", path.join(root, "inner-lnk"));
    });
    afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

    const refused = async (response: Response, what: string) => {
      expect(response.status, what).toBe(400);
      expect(await response.json(), what).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Invalid path" });
    };

    it("refuses reads, listings, writes and deletes through the link", async () => {
      await refused(await fetch(`${server.url}${PROXY}/lnk/secret.txt`), "GET lnk/secret.txt");
      await refused(await fetch(`${server.url}${PROXY}/file-lnk`), "GET file-lnk");
      await refused(await fetch(`${server.url}${PROXY}?path=lnk`), "list lnk");
      await refused(await put(`${PROXY}/lnk/written.txt`, "pwned"), "PUT lnk/written.txt");
      await refused(await put(`${PROXY}/lnk/sub/written.txt`, "pwned"), "PUT lnk/sub/written.txt");
      await refused(await put(`${PROXY}/dangling/written.txt`, "pwned"), "PUT dangling/written.txt");
      await refused(await fetch(`${server.url}${PROXY}/lnk/secret.txt`, { method: "DELETE" }), "DELETE lnk/secret.txt");
      await refused(await fetch(`${server.url}${PROXY}/lnk`, { method: "DELETE" }), "DELETE lnk");
      expect(fs.readdirSync(outside).sort()).toEqual(["secret.txt"]);
      expect(fs.readFileSync(path.join(outside, "secret.txt"), "utf8")).toBe("secret");
    });

    it("refuses the run routes through a link in the run's folder", async () => {
      await refused(await fetch(`${server.url}/get-artifact?run_id=${runId}&path=lnk/secret.txt`), "get-artifact");
      await refused(await fetch(`${server.url}/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=lnk`), "artifacts/list");
    });

    it("still follows a link that stays inside the folder", async () => {
      expect(await (await fetch(`${server.url}${PROXY}/inner-lnk`)).text()).toBe("inner");
    });
  });

  it.each(["file:///data%2fsc-outside", "file:///data/sc%2foutside", "file:///data/sc%2Foutside", "file:///data/sc%5Coutside"])(
    "refuses the artifact location %s, whose runs could never read their artifacts",
    async (location) => {
      const response = await server.post("/api/2.0/mlflow/experiments/create", { name: `enc-${location}`, artifact_location: location });
      expect(response.status).toBe(400);
      expect(response.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
    },
  );

  it("refuses mlflow-artifacts:// as a location, where run ids would become hosts", async () => {
    const response = await server.post("/api/2.0/mlflow/experiments/create", {
      name: "empty-authority",
      artifact_location: "mlflow-artifacts://",
    });
    expect(response.status).toBe(400);
    expect(response.json["error_code"]).toBe("INVALID_PARAMETER_VALUE");
  });

  it("answers 503 on the proxy when artifacts are not served", async () => {
    const noProxy = await startTestServer({ serveArtifacts: false });
    try {
      const response = await noProxy.get(`${PROXY}?path=x`);
      expect(response.status).toBe(503);
      const run = (await noProxy.post("/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json["run"] as {
        info: { artifact_uri: string };
      };
      expect(run.info.artifact_uri.startsWith("file://")).toBe(true);
    } finally {
      await noProxy.close();
    }
  });
});
