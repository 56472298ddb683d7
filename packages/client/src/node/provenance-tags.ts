import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Tag } from "@cairn/core";

/**
 * The tags MLflow's client sets on every run it starts (`mlflow/tracking/context/*`): who ran
 * what, from where, at which git commit. Git is read from `.git` directly (no `git` process).
 *
 * @example
 * provenanceTags(); // [{ key: "mlflow.user", value: "ana" }, { key: "mlflow.source.name", value: "/repo/train.js" }, …]
 */
export function provenanceTags(options: { argv?: string[]; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Tag[] {
  const argv = options.argv ?? process.argv;
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const script = argv[1] ? path.resolve(cwd, argv[1]) : undefined;
  const tags: Tag[] = [
    { key: "mlflow.user", value: userName(env) },
    { key: "mlflow.source.name", value: script ?? "<console>" },
    { key: "mlflow.source.type", value: "LOCAL" },
  ];
  const git = readGit(script ? path.dirname(script) : cwd);
  if (git?.commit) tags.push({ key: "mlflow.source.git.commit", value: git.commit });
  if (git?.branch) tags.push({ key: "mlflow.source.git.branch", value: git.branch });
  if (git?.repoUrl) {
    tags.push({ key: "mlflow.source.git.repoURL", value: git.repoUrl });
    tags.push({ key: "mlflow.gitRepoURL", value: git.repoUrl });
  }
  return tags;
}

function userName(env: NodeJS.ProcessEnv): string {
  if (env["USER"]) return env["USER"];
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

interface GitInfo {
  commit?: string;
  branch?: string;
  repoUrl?: string;
}

/** HEAD's commit and branch and origin's URL of the repository holding `start`, if any. */
export function readGit(start: string): GitInfo | null {
  const gitDir = findGitDir(start);
  if (!gitDir) return null;
  const read = (file: string) => {
    try {
      return fs.readFileSync(path.join(gitDir.dir, file), "utf8");
    } catch {
      return undefined;
    }
  };
  const readCommon = (file: string) => {
    try {
      return fs.readFileSync(path.join(gitDir.common, file), "utf8");
    } catch {
      return undefined;
    }
  };
  const head = read("HEAD")?.trim();
  if (!head) return null;
  const info: GitInfo = {};
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  if (ref) {
    info.branch = ref.replace(/^refs\/heads\//, "");
    info.commit =
      readCommon(ref)?.trim() ??
      readCommon("packed-refs")
        ?.split("\n")
        .find((line) => line.endsWith(` ${ref}`))
        ?.split(" ")[0];
  } else {
    info.commit = head;
  }
  const config = readCommon("config");
  const origin = config && /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1];
  if (origin) info.repoUrl = origin;
  return info;
}

function findGitDir(start: string): { dir: string; common: string } | null {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".git");
    try {
      const stat = fs.statSync(candidate);
      if (stat.isDirectory()) return { dir: candidate, common: candidate };
      // A worktree or submodule: `.git` is a file naming the real git dir.
      const target = /^gitdir: (.+)$/m.exec(fs.readFileSync(candidate, "utf8"))?.[1]?.trim();
      if (target) {
        const gitDir = path.resolve(dir, target);
        const common = fs.existsSync(path.join(gitDir, "commondir"))
          ? path.resolve(gitDir, fs.readFileSync(path.join(gitDir, "commondir"), "utf8").trim())
          : gitDir;
        return { dir: gitDir, common };
      }
    } catch {
      // not here; look further up
    }
    if (path.dirname(dir) === dir) return null;
  }
}
