import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, logSeries, startUiServer, type UiServer } from "./ui-harness.js";

/**
 * The newcomer's flow, end to end in Debian Chromium: create an experiment in the UI, log runs
 * over REST and see them appear live, open a chart and zoom it, compare two runs, register a
 * model from a run's artifacts and give the version an alias. The back button works throughout.
 */
describe("web UI flow", () => {
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startUiServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("creates an experiment, sees logged runs, charts, compares, registers a model and sets an alias", async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.getByRole("textbox", { name: "New experiment name" }).fill("flow-exp");
    await page.getByRole("button", { name: "Create experiment" }).click();
    await page.waitForURL(/\/experiments\/\d+$/);
    const experimentId = new URL(page.url()).pathname.split("/").pop() as string;
    await page.getByText("No runs yet").waitFor();

    // Log two runs over REST, as the Python client would; the open page picks them up live.
    const runIds: string[] = [];
    for (const [name, lr] of [
      ["first", "0.1"],
      ["second", "0.01"],
    ] as const) {
      const created = await server.api("/runs/create", { experiment_id: experimentId, run_name: name, start_time: Date.now() });
      const id = (created["run"] as { info: { run_id: string } }).info.run_id;
      runIds.push(id);
      await server.api("/runs/log-batch", { run_id: id, params: [{ key: "lr", value: lr }] });
      await logSeries(server, id, { loss: (step) => Math.exp(-step * Number(lr)) + (step === 1234 ? 5 : 0) }, 5000);
    }
    await page.getByRole("link", { name: "second" }).waitFor({ timeout: 20_000 });
    await page.getByRole("link", { name: "first" }).waitFor();
    await browser.screenshot("flow-1-runs-appear");

    // Open the first run's chart; the spike at step 1234 survives downsampling; drag to zoom.
    await page.getByRole("link", { name: "first" }).click();
    await page.getByRole("tab", { name: "Metrics", exact: true }).click();
    const chart = page.locator('[data-testid="chart-loss"][data-state="drawn"]');
    await chart.waitFor();
    await browser.screenshot("flow-2-run-chart");
    const box = await page.locator('[data-testid="chart-loss"] .u-over').boundingBox();
    if (!box) throw new Error("no chart area");
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByRole("button", { name: "Reset zoom" }).waitFor();
    await chart.waitFor();
    await browser.screenshot("flow-3-zoomed");

    // Back to the table with the browser's back button, select both runs, compare.
    await page.goBack();
    await page.goBack();
    await page.waitForURL(new RegExp(`/experiments/${experimentId}$`));
    await page.getByRole("checkbox", { name: "Select run first" }).check();
    await page.getByRole("checkbox", { name: "Select run second" }).check();
    await page.getByRole("button", { name: "Compare 2 runs" }).click();
    await page.waitForURL(/\/compare\?runs=/);
    await page.locator('[data-testid="chart-loss"][data-state="drawn"]').waitFor();
    expect(await page.locator("[data-testid=param-diff] tr.differs").count()).toBe(1);
    await browser.screenshot("flow-4-compare");

    // Register the first run's model folder and set an alias on the new version.
    const [first] = runIds as [string];
    await server.putArtifact(
      first,
      experimentId,
      "model/MLmodel",
      "artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n",
    );
    await page.goto(`${server.url}/runs/${first}?tab=artifacts&path=model`);
    await page.getByRole("textbox", { name: "Model name" }).fill("flow-model");
    await page.getByRole("button", { name: "Register model" }).click();
    await page.getByRole("link", { name: "flow-model version 1" }).click();
    await page.waitForURL(/\/models\/flow-model\/versions\/1$/);
    await page.getByRole("link", { name: first }).waitFor();
    await page.getByRole("link", { name: "flow-model" }).click();
    await page.getByRole("textbox", { name: "Alias" }).fill("champion");
    await page.getByRole("combobox", { name: "Alias version" }).selectOption("1");
    await page.getByRole("button", { name: "Set alias" }).click();
    await page.locator(".chip-key", { hasText: "@champion" }).waitFor();
    await browser.screenshot("flow-5-model-alias");
    const response = await fetch(`${server.url}/api/2.0/mlflow/registered-models/alias?name=flow-model&alias=champion`);
    expect(((await response.json()) as { model_version: { version: string } }).model_version.version).toBe("1");

    expect(browser.external).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
