import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources; only the spawned-server tests use the build.
export default defineConfig({
  resolve: {
    alias: {
      "@cairn/core": source("./packages/core/src/index.ts"),
      "@cairn/store": source("./packages/store/src/index.ts"),
      "@cairn/artifacts": source("./packages/artifacts/src/index.ts"),
      "@cairn/server": source("./packages/server/src/index.ts"),
      "@cairn/client/local": source("./packages/client/src/local/index.ts"),
      "@cairn/client/tfjs": source("./packages/client/src/tfjs/index.ts"),
      "@cairn/client/testing": source("./packages/client/src/testing/index.ts"),
      "@cairn/client": source("./packages/client/src/index.ts"),
      "@cairn/cli": source("./packages/cli/src/index.ts"),
      "@cairn/conformance": source("./internal/conformance/src/index.ts"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "internal/*/src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files share the machine's PostgreSQL; two workers keep the 2-core CI machine responsive.
    maxWorkers: 2,
  },
});
