#!/usr/bin/env node
// The `cairn` binary. The TypeScript sources are compiled to dist/ by the install step
// (`npm ci` runs `tsc -b` through the root "prepare" script).
import { main } from "../dist/index.js";

main(process.argv).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
