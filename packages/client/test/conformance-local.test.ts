import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openBackend } from "@cairn/client";
import { runTrackingStoreSuite } from "@cairn/conformance";

// The same suite through the SDK's in-process backend, chosen by a sqlite: tracking URI.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-sdk-local-"));

runTrackingStoreSuite({
  name: "sdk in-process sqlite",
  createStore: async () => (await openBackend({ trackingUri: `sqlite:///${path.join(dir, "cairn.db")}` })).tracking,
  dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
});
