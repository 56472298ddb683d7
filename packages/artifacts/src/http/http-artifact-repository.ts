import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import {
  type ArtifactContent,
  type ArtifactRepository,
  CairnError,
  type FileInfo,
  isErrorCode,
  type RangeRequest,
  rangeHeader,
  UnsatisfiableRangeError,
} from "@cairn/core";

/**
 * A client of an MLflow artifact proxy (`<server>/api/2.0/mlflow-artifacts/artifacts/<base>`),
 * making the same HTTP calls as MLflow's `HttpArtifactRepository`: PUT per file, GET to read
 * (with `Range` when asked), `GET …/artifacts?path=` to list, DELETE. For clients and tests;
 * the server itself never opens one (it fetches no client-chosen URL).
 *
 * @example
 * const repository = new HttpArtifactRepository("http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/1/run/artifacts");
 */
export class HttpArtifactRepository implements ArtifactRepository {
  readonly #endpoint: string;
  readonly #base: string;

  constructor(artifactUrl: string) {
    const marker = "/mlflow-artifacts/artifacts";
    const at = artifactUrl.indexOf(marker);
    if (at < 0) throw new Error(`Not an artifact proxy URL: ${artifactUrl}`);
    this.#endpoint = artifactUrl.slice(0, at + marker.length);
    this.#base = artifactUrl
      .slice(at + marker.length)
      .split("/")
      .filter((segment) => segment !== "")
      .join("/");
  }

  #path(relative: string): string {
    return [this.#base, relative].filter((part) => part !== "").join("/");
  }

  #url(relative: string): string {
    return `${this.#endpoint}/${this.#path(relative).split("/").map(encodeURIComponent).join("/")}`;
  }

  async write(relative: string, body: Readable): Promise<void> {
    const response = await fetch(this.#url(relative), {
      method: "PUT",
      body: Readable.toWeb(body),
      headers: { "content-type": "application/octet-stream" },
      duplex: "half",
    } as RequestInit);
    await expectOk(response);
  }

  async read(relative: string, range?: RangeRequest): Promise<ArtifactContent> {
    const response = await fetch(this.#url(relative), range ? { headers: { range: rangeHeader(range) } } : {});
    if (response.status === 416) {
      await response.body?.cancel();
      throw new UnsatisfiableRangeError(Number(/\/(\d+)$/.exec(response.headers.get("content-range") ?? "")?.[1] ?? 0));
    }
    await expectOk(response);
    const stream = response.body ? Readable.fromWeb(response.body as WebReadableStream) : Readable.from([]);
    const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get("content-range") ?? "");
    if (response.status === 206 && served) {
      return { stream, size: Number(served[3]), range: { start: Number(served[1]), end: Number(served[2]) } };
    }
    return { stream, size: Number(response.headers.get("content-length") ?? 0) };
  }

  async list(relative: string): Promise<FileInfo[]> {
    const response = await fetch(`${this.#endpoint}?path=${encodeURIComponent(this.#path(relative))}`);
    await expectOk(response);
    const { files = [] } = (await response.json()) as { files?: FileInfo[] };
    // The proxy answers base names, as MLflow's does; the port lists paths from the root.
    return files
      .map((file) => ({ ...file, path: relative ? `${relative}/${file.path}` : file.path }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async delete(relative: string): Promise<void> {
    await expectOk(await fetch(this.#url(relative), { method: "DELETE" }));
  }

  async usage(relative: string): Promise<number> {
    let total = 0;
    for (const file of await this.list(relative)) {
      total += file.is_dir ? await this.usage(file.path) : (file.file_size ?? 0);
    }
    if (total === 0 && relative !== "") {
      // A file rather than a directory: its size is in its parent's listing.
      const parent = relative.includes("/") ? relative.slice(0, relative.lastIndexOf("/")) : "";
      const entry = (await this.list(parent)).find((file) => file.path === relative && !file.is_dir);
      total = entry?.file_size ?? 0;
    }
    return total;
  }
}

/** Turns an MLflow error body into the same CairnError the server threw. */
async function expectOk(response: Response): Promise<void> {
  if (response.ok) return;
  const text = await response.text();
  let body: { error_code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not MLflow's error shape; reported by status below.
  }
  const code = isErrorCode(body.error_code) ? body.error_code : "INTERNAL_ERROR";
  throw new CairnError(code, typeof body.message === "string" ? body.message : `HTTP ${response.status}`);
}
