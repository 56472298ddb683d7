import { randomUUID } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ArtifactContent, type ArtifactRepository, CairnError, type FileInfo, type RangeRequest, resolveRange } from "@cairn/core";
import { withClientFaults } from "./filesystem-errors.js";
import { type RealLocation, realPathInside } from "./real-path-inside.js";

/** Uploads land here first and are renamed into place, so no reader sees half a file. */
const STAGING_DIR = ".cairn-staging";

/** Refuses to open a symbolic link as the last component (0 where the platform has no such flag). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

function invalidPath(): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", "Invalid path");
}

/**
 * Artifacts in a local folder. Paths are validated upstream by `validateArtifactPath`; this
 * class still refuses anything that resolves outside its root (defence in depth), by its text
 * and, following symbolic links, by its real location. Every file operation then works on the
 * real path, so no link can be swapped into the part of the path that was checked.
 */
export class LocalArtifactRepository implements ArtifactRepository {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  #resolve(relative: string): string {
    const target = path.resolve(this.root, relative);
    if (target !== this.root && !target.startsWith(this.root + path.sep)) throw invalidPath();
    if (path.relative(this.root, target).split(path.sep)[0] === STAGING_DIR) throw invalidPath();
    return target;
  }

  /** The real location of `relative`, refused outside the root or inside the staging folder. */
  async #locate(relative: string): Promise<RealLocation | null> {
    const location = await realPathInside(this.root, this.#resolve(relative));
    if (location && path.relative(location.realRoot, location.real).split(path.sep)[0] === STAGING_DIR) throw invalidPath();
    return location;
  }

  write(relative: string, body: Readable): Promise<void> {
    return withClientFaults(relative, () => this.#write(relative, body));
  }

  async #write(relative: string, body: Readable): Promise<void> {
    if (this.#resolve(relative) === this.root) throw invalidPath();
    const staging = path.join(this.root, STAGING_DIR);
    await fs.mkdir(staging, { recursive: true });
    const realStaging = await realPathInside(this.root, staging);
    // Checked before the body is read, so a refused upload costs nothing.
    const first = await this.#locate(relative);
    if (!realStaging || !first || first.real === first.realRoot) throw invalidPath();
    const temporary = path.join(realStaging.real, randomUUID());
    try {
      const handle = await fs.open(temporary, "w");
      try {
        await pipeline(body, createWriteStream("", { fd: handle.fd, autoClose: false }));
        // The upload is acknowledged only once its bytes are on disk.
        await handle.sync();
      } finally {
        // Also when the client breaks off mid-upload: the descriptor must not wait for GC.
        await handle.close();
      }
      await fs.mkdir(path.dirname(first.real), { recursive: true });
      // Checked again once the folders exist: a link made meanwhile must not take the rename
      // out. rename itself replaces a link in the last place rather than following it.
      const final = await this.#locate(relative);
      if (!final || final.real === final.realRoot) throw invalidPath();
      await fs.rename(temporary, final.real);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  read(relative: string, range?: RangeRequest): Promise<ArtifactContent> {
    return withClientFaults(relative, () => this.#read(relative, range));
  }

  async #read(relative: string, request?: RangeRequest): Promise<ArtifactContent> {
    const notFound = () => new CairnError("RESOURCE_DOES_NOT_EXIST", `File ${relative} not found`);
    const location = await this.#locate(relative);
    if (!location) throw notFound();
    // lstat first so a FIFO or device is never opened; the handle's own stat then confirms it.
    const linkStat = await fs.lstat(location.real).catch(() => null);
    if (!linkStat?.isFile()) throw notFound();
    const handle = await fs.open(location.real, constants.O_RDONLY | NO_FOLLOW).catch(() => null);
    if (!handle) throw notFound();
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw notFound();
    }
    if (!request) return { stream: handle.createReadStream(), size: stat.size };
    let range: ReturnType<typeof resolveRange>;
    try {
      range = resolveRange(request, stat.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return { stream: handle.createReadStream({ start: range.start, end: range.end }), size: stat.size, range };
  }

  list(relative: string): Promise<FileInfo[]> {
    return withClientFaults(relative, () => this.#list(relative));
  }

  async #list(relative: string): Promise<FileInfo[]> {
    const location = await this.#locate(relative);
    if (!location) return [];
    const dir = location.real;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    const files: FileInfo[] = [];
    for (const entry of entries) {
      if (dir === location.realRoot && entry.name === STAGING_DIR) continue;
      const childPath = relative ? `${relative}/${entry.name}` : entry.name;
      // Entries are not followed: a symbolic link is neither a file nor a directory here.
      if (entry.isDirectory()) files.push({ path: childPath, is_dir: true });
      else if (entry.isFile()) {
        const stat = await fs.lstat(path.join(dir, entry.name));
        files.push({ path: childPath, is_dir: false, file_size: stat.size });
      }
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  usage(relative: string): Promise<number> {
    return withClientFaults(relative, () => this.#usage(relative));
  }

  async #usage(relative: string): Promise<number> {
    const location = await this.#locate(relative);
    if (!location) return 0;
    return sizeOf(location.real, location.real === location.realRoot);
  }

  delete(relative: string): Promise<void> {
    return withClientFaults(relative, () => this.#delete(relative));
  }

  async #delete(relative: string): Promise<void> {
    if (this.#resolve(relative) === this.root) throw invalidPath();
    const location = await this.#locate(relative);
    if (!location) return;
    if (location.real === location.realRoot) throw invalidPath();
    // rm never follows links: it unlinks a link in the last place and does not descend through one.
    await fs.rm(location.real, { recursive: true, force: true });
  }
}

/**
 * The bytes of the regular files at `target` and below, links not followed. The root's staging
 * folder holds uploads in flight, which are not stored artifacts yet.
 */
async function sizeOf(target: string, isRoot: boolean): Promise<number> {
  const stat = await fs.lstat(target).catch(() => null);
  if (!stat) return 0;
  if (stat.isFile()) return stat.size;
  if (!stat.isDirectory()) return 0;
  let total = 0;
  for (const entry of await fs.readdir(target).catch(() => [])) {
    if (isRoot && entry === STAGING_DIR) continue;
    total += await sizeOf(path.join(target, entry), false);
  }
  return total;
}
