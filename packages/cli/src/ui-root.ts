import { createRequire } from "node:module";
import path from "node:path";

/**
 * The built web UI of the installed `@cairn/web` (its `dist/`), or undefined when the package
 * is not installed; the server then serves the API alone.
 */
export function resolveUiRoot(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve("@cairn/web/package.json");
    return path.join(path.dirname(manifest), "dist");
  } catch {
    return undefined;
  }
}
