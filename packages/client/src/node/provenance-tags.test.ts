import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { provenanceTags } from "./provenance-tags.js";
import { parseNvidiaSmi } from "./system-metrics-sampler.js";

describe("provenanceTags", () => {
  it("sets MLflow's source, user and git tags from a repository", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-git-"));
    fs.mkdirSync(path.join(repo, ".git", "refs", "heads"), { recursive: true });
    fs.writeFileSync(path.join(repo, ".git", "HEAD"), "ref: refs/heads/main\n");
    fs.writeFileSync(path.join(repo, ".git", "refs", "heads", "main"), "0123456789abcdef0123456789abcdef01234567\n");
    fs.writeFileSync(path.join(repo, ".git", "config"), '[remote "origin"]\n\turl = https://example.com/team/repo.git\n');
    const tags = Object.fromEntries(
      provenanceTags({ argv: ["node", "train.js"], cwd: repo, env: { USER: "ana" } }).map((tag) => [tag.key, tag.value]),
    );
    expect(tags).toEqual({
      "mlflow.user": "ana",
      "mlflow.source.name": path.join(repo, "train.js"),
      "mlflow.source.type": "LOCAL",
      "mlflow.source.git.commit": "0123456789abcdef0123456789abcdef01234567",
      "mlflow.source.git.branch": "main",
      "mlflow.source.git.repoURL": "https://example.com/team/repo.git",
      "mlflow.gitRepoURL": "https://example.com/team/repo.git",
    });
    fs.rmSync(repo, { recursive: true, force: true });
  });
});

describe("system metrics", () => {
  it("reads nvidia-smi's CSV under MLflow's GPU metric names", () => {
    expect(parseNvidiaSmi("0, 1024, 4096, 37, 70.5, 250\n")).toEqual({
      gpu_0_memory_usage_megabytes: 1024,
      gpu_0_memory_usage_percentage: 25,
      gpu_0_utilization_percentage: 37,
      gpu_0_power_usage_watts: 70.5,
      gpu_0_power_usage_percentage: 28.2,
    });
  });
});
