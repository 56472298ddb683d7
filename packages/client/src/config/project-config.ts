import fs from "node:fs";
import path from "node:path";

/** The project config file's name; the SDK looks for it in the working folder and its parents. */
export const PROJECT_CONFIG_FILE = "cairn.config.json";

/**
 * `cairn.config.json`, all keys optional:
 *
 * ```json
 * { "trackingUri": "http://127.0.0.1:5000", "experiment": "mnist", "journalDir": ".cairn/journal" }
 * ```
 *
 * Relative paths in it resolve against the file's folder.
 */
export interface ProjectConfig {
  trackingUri?: string;
  experiment?: string;
  journalDir?: string;
  /** The folder holding the file. */
  root: string;
}

/**
 * Finds and reads the nearest `cairn.config.json` from `cwd` upwards; null when there is none.
 *
 * @example
 * findProjectConfig(process.cwd())?.trackingUri;
 */
export function findProjectConfig(cwd: string): ProjectConfig | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, PROJECT_CONFIG_FILE);
    if (fs.existsSync(file)) {
      const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
      const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
      const journalDir = text("journalDir");
      return {
        trackingUri: text("trackingUri"),
        experiment: text("experiment"),
        journalDir: journalDir === undefined ? undefined : path.resolve(dir, journalDir),
        root: dir,
      };
    }
    if (path.dirname(dir) === dir) return null;
  }
}
