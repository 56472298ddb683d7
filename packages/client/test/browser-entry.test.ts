import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The browser build must never reach Node built-ins or database drivers: walk the static
// imports of the compiled browser entry (and of @cairn/core, which it uses) and list them all.
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const coreDist = fileURLToPath(new URL("../../core/dist/", import.meta.url));

function staticImports(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["'];?$|^\s*import\s+["']([^"']+)["'];?$/gms)].map(
    (match) => (match[1] ?? match[2]) as string,
  );
}

function walk(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith(".")) queue.push(path.resolve(path.dirname(file), specifier));
      else if (specifier === "@cairn/core") queue.push(path.join(coreDist, "index.js"));
      else bare.add(specifier);
    }
  }
  return bare;
}

describe("browser entry", () => {
  it("imports no Node built-ins, stores, servers or drivers", () => {
    const imports = [...walk(path.join(dist, "browser.js"))];
    expect(imports).toContain("yaml"); // the walker does reach third-party imports
    expect(imports.filter((specifier) => specifier.startsWith("node:") || !["yaml"].includes(specifier))).toEqual([]);
  });

  it("is what package.json gives browser bundlers", () => {
    const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, Record<string, string>>;
    };
    expect(pkg.exports["."]?.["browser"]).toBe("./dist/browser.js");
  });
});
