import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalArtifactRepository } from "./local-artifact-repository.js";

/** The repository on real folders: its own confinement, without the server's path checks in front. */
describe("LocalArtifactRepository", () => {
  let dir = "";

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-repo-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("works when the root itself is reached through a symbolic link", async () => {
    fs.mkdirSync(path.join(dir, "real"));
    fs.symlinkSync(path.join(dir, "real"), path.join(dir, "via-link"));
    const repository = new LocalArtifactRepository(path.join(dir, "via-link"));
    await repository.write("a/b.txt", Readable.from(["hello"]));
    expect(await text((await repository.read("a/b.txt")).stream)).toBe("hello");
    expect(await repository.list("a")).toEqual([{ path: "a/b.txt", is_dir: false, file_size: 5 }]);
    await repository.delete("a");
    expect(fs.readdirSync(path.join(dir, "real"))).toEqual([".cairn-staging"]);
  });

  it("treats a root that does not exist yet as empty", async () => {
    const repository = new LocalArtifactRepository(path.join(dir, "later"));
    expect(await repository.list("")).toEqual([]);
    await expect(repository.read("x.txt")).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
    await repository.delete("x.txt");
    expect(fs.existsSync(path.join(dir, "later"))).toBe(false);
  });

  it("refuses a link to the root's staging folder or to the root itself", async () => {
    const root = path.join(dir, "root");
    const repository = new LocalArtifactRepository(root);
    await repository.write("keep.txt", Readable.from(["keep"]));
    fs.symlinkSync(path.join(root, ".cairn-staging"), path.join(root, "staging-lnk"));
    fs.symlinkSync(root, path.join(root, "root-lnk"));
    await expect(repository.list("staging-lnk")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    await expect(repository.delete("root-lnk")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    expect(fs.readFileSync(path.join(root, "keep.txt"), "utf8")).toBe("keep");
  });
});
