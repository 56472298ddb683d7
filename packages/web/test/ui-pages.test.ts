import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, logSeries, startUiServer, type UiServer } from "./ui-harness.js";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const NOTE =
  "# Trained on **ImageNet**\n\nSee [the paper](https://example.org/paper). <script>window.__pwned = 1</script> <img src=x onerror=alert(1)>\n\n- fast\n- small";

/** Every page of the UI against a seeded server, in Debian Chromium. */
describe("web UI pages", () => {
  let server: UiServer;
  let browser: Browser;
  const ids: { experiment: string; runs: string[] } = { experiment: "", runs: [] };

  beforeAll(async () => {
    server = await startUiServer();
    browser = await launchBrowser();
    ids.experiment = (await server.api("/experiments/create", { name: "vision", tags: [{ key: "team", value: "cv" }] }))[
      "experiment_id"
    ] as string;
    for (const [index, lr] of ["0.1", "0.01", "0.001"].entries()) {
      const run = (
        await server.api("/runs/create", { experiment_id: ids.experiment, run_name: `resnet-${index}`, start_time: Date.now() - 60_000 })
      )["run"] as {
        info: { run_id: string };
      };
      const id = run.info.run_id;
      ids.runs.push(id);
      await server.api("/runs/log-batch", {
        run_id: id,
        params: [
          { key: "lr", value: lr },
          { key: "optimizer", value: "adam" },
        ],
        tags: [
          { key: "mlflow.source.name", value: "train.py" },
          { key: "mlflow.source.git.commit", value: "0123456789abcdef" },
          { key: "mlflow.note.content", value: NOTE },
          ...(index > 0 ? [{ key: "mlflow.parentRunId", value: ids.runs[0] as string }] : []),
        ],
      });
      await logSeries(
        server,
        id,
        {
          loss: (step) => 1 / (1 + step * Number(lr)),
          acc: (step) => 1 - 1 / (2 + step),
          "system/cpu_utilization_percentage": (step) => 40 + (step % 7),
        },
        300,
      );
      if (index < 2) await server.api("/runs/update", { run_id: id, status: "FINISHED", end_time: Date.now() });
    }
    const [first] = ids.runs as [string];
    await server.putArtifact(first, ids.experiment, "notes.txt", "hello <b>not bold</b>");
    await server.putArtifact(first, ids.experiment, "metrics.json", '{"auc":0.91,"classes":["cat","dog"]}');
    await server.putArtifact(first, ids.experiment, "table.csv", 'name,score\n"cat, big",0.9\ndog,0.8\n');
    await server.putArtifact(first, ids.experiment, "plot.png", PNG);
    await server.putArtifact(first, ids.experiment, "model/MLmodel", "artifact_path: model\nflavors:\n  python_function: {}\n");
    await server.api("/runs/log-inputs", {
      run_id: first,
      datasets: [
        {
          dataset: { name: "imagenet-mini", digest: "abc123", source_type: "local", source: "/data/mini" },
          tags: [{ key: "mlflow.data.context", value: "train" }],
        },
      ],
    });
    await server.api("/registered-models/create", { name: "classifier" });
    await server.api("/model-versions/create", {
      name: "classifier",
      source: `mlflow-artifacts:/${ids.experiment}/${first}/artifacts/model`,
      run_id: first,
    });
    await server.api("/registered-models/alias", { name: "classifier", alias: "champion", version: "1" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (path: string) => {
    await browser.page.goto(`${server.url}${path}`);
  };

  it("lists experiments and shows an experiment's runs with metric and param columns", async () => {
    const { page } = browser;
    await open("/");
    await page.getByRole("link", { name: "vision" }).waitFor();
    await browser.screenshot("experiments");
    await page.getByRole("link", { name: "vision" }).click();
    await page.locator(".runs-row[data-run-id]").nth(2).waitFor();
    expect(await page.locator(".runs-row[data-run-id]").count()).toBe(3);
    await page.getByRole("button", { name: "Sort by loss" }).waitFor();
    await page.getByRole("button", { name: "Sort by lr" }).click();
    await page.waitForURL(/sort=param%3Alr/);
    expect(await page.locator(".runs-row[data-run-id] .td-name").first().textContent()).toBe("resnet-2");
    await browser.screenshot("runs-table");
    await page.getByRole("tab", { name: "Charts" }).click();
    await page.locator('[data-testid="chart-loss"][data-state="drawn"]').waitFor();
    await browser.screenshot("runs-charts");
  });

  it("filters runs with MLflow syntax and completes keys", async () => {
    const { page } = browser;
    await open(`/experiments/${ids.experiment}`);
    const box = page.getByRole("searchbox", { name: "Filter runs" });
    await page.locator(".runs-row[data-run-id]").first().waitFor();
    await box.fill("param");
    await page.getByRole("option", { name: "params.lr" }).waitFor();
    await box.press("Tab");
    await expect.poll(() => box.inputValue()).toBe("params.lr ");
    await box.pressSequentially("= '0.0");
    await page.getByRole("option", { name: "0.01", exact: true }).waitFor();
    await box.fill("params.lr = '0.01'");
    await box.press("Enter");
    await page.waitForURL(/filter=/);
    await page.waitForFunction(() => document.querySelectorAll(".runs-row[data-run-id]").length === 1);
    await box.fill("params.lr = ");
    await box.press("Enter");
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("INVALID_PARAMETER_VALUE");
  });

  it("shows a run: overview with a safe note, metrics, artifacts, system metrics and datasets", async () => {
    const { page } = browser;
    const [first, second] = ids.runs as [string, string];
    await open(`/runs/${first}`);
    await page.getByRole("heading", { name: /Trained on ImageNet/ }).waitFor();
    expect(await page.locator(".markdown").textContent()).toContain("<script>window.__pwned = 1</script>");
    expect(await page.locator(".markdown script, .markdown img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByText("0123456789abcdef").waitFor();
    await page.locator("svg.sparkline path").first().waitFor();
    await browser.screenshot("run-overview");
    await page.getByRole("tab", { name: "Metrics", exact: true }).click();
    await page.locator('[data-testid="chart-loss"][data-state="drawn"]').waitFor();
    await page.getByRole("tab", { name: "System metrics" }).click();
    await page.locator('[data-testid="chart-system/cpu_utilization_percentage"][data-state="drawn"]').waitFor();
    await page.getByRole("tab", { name: "Datasets" }).click();
    await page.getByText("imagenet-mini").waitFor();
    await page.getByRole("tab", { name: "Artifacts" }).click();
    await page.getByRole("button", { name: /table\.csv/ }).click();
    await page.getByRole("cell", { name: "cat, big" }).waitFor();
    await page.getByRole("button", { name: /metrics\.json/ }).click();
    await page.getByText('"auc": 0.91').waitFor();
    await page.getByRole("button", { name: /notes\.txt/ }).click();
    await page.getByText("hello <b>not bold</b>").waitFor();
    await page.getByRole("button", { name: /plot\.png/ }).click();
    await page.locator("img.artifact-image").waitFor();
    await browser.screenshot("run-artifacts");
    await page.getByRole("button", { name: /model/ }).first().click();
    await page.getByRole("button", { name: /MLmodel/ }).click();
    await page.getByText("python_function").waitFor();
    await open(`/runs/${second}`);
    await page.getByRole("link", { name: first }).waitFor();
  });

  it("compares runs and shows the registry", async () => {
    const { page } = browser;
    await open(`/compare?runs=${ids.runs.join(",")}`);
    await page.locator('[data-testid="chart-loss"][data-state="drawn"]').waitFor();
    expect(await page.locator("[data-testid=param-diff] tr.differs").count()).toBe(1);
    await page.locator("svg.parallel polyline").first().waitFor();
    await page.locator("svg.scatter circle").first().waitFor();
    await browser.screenshot("compare");
    await open("/models");
    await page.getByRole("link", { name: "classifier" }).click();
    await page.locator(".chip-key", { hasText: "@champion" }).waitFor();
    await browser.screenshot("model");
    await page.getByRole("link", { name: "Version 1" }).click();
    await page.getByRole("link", { name: ids.runs[0] as string }).waitFor();
    await browser.screenshot("model-version");
    await open("/no/such/page");
    await page.getByText("No page at").waitFor();
  });

  it("loaded nothing from outside the server and logged no errors", () => {
    expect(browser.external).toEqual([]);
    // The deliberately bad filter above answers 400, which Chromium logs as a failed resource.
    expect(browser.errors.filter((error) => !error.includes("400 (Bad Request)"))).toEqual([]);
  });
});
