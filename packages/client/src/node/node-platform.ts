import fs from "node:fs/promises";
import path from "node:path";
import type { Tag } from "@cairn/core";
import type { Platform } from "../run/platform.js";
import { provenanceTags } from "./provenance-tags.js";
import { startSystemMetrics, systemMetricsEnabled } from "./system-metrics.js";

let provenance: Tag[] | undefined;

/** The run API's host services on Node: files, provenance (read once per process), system metrics. */
export const nodePlatform: Platform = {
  async readFile(file) {
    return new Uint8Array(await fs.readFile(file));
  },
  async listFiles(dir) {
    const out: string[] = [];
    const walk = async (relative: string) => {
      const entries = await fs.readdir(path.join(dir, relative), { withFileTypes: true });
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(child);
        else if (entry.isFile()) out.push(child);
      }
    };
    await walk("");
    return out;
  },
  basename(file) {
    return path.basename(file);
  },
  provenanceTags() {
    provenance ??= provenanceTags();
    return provenance;
  },
  startSystemMetrics(log) {
    return startSystemMetrics(log);
  },
  systemMetricsByDefault() {
    return systemMetricsEnabled();
  },
};
