import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalArtifactRepository } from "@cairn/artifacts";
import { runArtifactRepositorySuite } from "@cairn/conformance";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-local-suite-"));

runArtifactRepositorySuite({
  name: "local",
  createRepository: async () => new LocalArtifactRepository(dir),
  dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
});
