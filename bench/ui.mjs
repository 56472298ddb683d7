// Web UI in Debian Chromium (playwright-core) against the built `cairn server`:
// (a) an experiment of 10,000 runs: time to its first rows, to all rows loaded, and scrolling
//     frame times; (b) 20 runs x 100,000 steps overlaid: navigation to drawn; (c) one metric of
//     1,000,000 steps: navigation to drawn, and a zoom's re-query + redraw. Prints figures only.
// Run with `npm run bench:ui` after `npm ci` (which builds the UI).

import os from "node:os";
import { launchChromium } from "../packages/web/test/chromium.mjs";
import { median, percentile, post, report, startCairn } from "./lib.mjs";

// CAIRN_BENCH_UI=runs,overlay,million picks parts (all by default).
const PARTS = new Set((process.env.CAIRN_BENCH_UI ?? "runs,overlay,million").split(","));
const RUNS = 10_000;

async function parallel(count, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function logSteps(url, runId, steps, value) {
  for (let start = 0; start < steps; start += 1000) {
    const metrics = Array.from({ length: Math.min(1000, steps - start) }, (_, i) => ({
      key: "loss",
      value: value(start + i),
      timestamp: 1_700_000_000_000 + (start + i) * 10,
      step: start + i,
    }));
    await post(url, "/runs/log-batch", { run_id: runId, metrics });
  }
}

async function seedManyRuns(url) {
  const experimentId = (await post(url, "/experiments/create", { name: "ten-thousand" })).experiment_id;
  await parallel(RUNS, 8, async (index) => {
    const runId = (
      await post(url, "/runs/create", { experiment_id: experimentId, run_name: `run-${index}`, start_time: 1_700_000_000_000 + index })
    ).run.info.run_id;
    await post(url, "/runs/log-batch", {
      run_id: runId,
      params: [
        { key: "lr", value: String(10 ** -(1 + (index % 4))) },
        { key: "batch", value: String(16 << (index % 4)) },
        { key: "seed", value: String(index) },
      ],
      metrics: [
        { key: "loss", value: Math.random(), timestamp: 1_700_000_000_000, step: 10 },
        { key: "acc", value: Math.random(), timestamp: 1_700_000_000_000, step: 10 },
      ],
      tags: [{ key: "mlflow.source.name", value: "train.py" }],
    });
  });
  return experimentId;
}

async function launch() {
  const { context, close } = await launchChromium("cairn-bench-chromium-");
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close,
  };
}

/** Milliseconds from navigation start until `selector` is in the page (polled every frame). */
async function navigateUntil(page, url, selector, timeout = 60_000) {
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector(selector, { timeout, state: "attached" });
  return performance.now() - started;
}

/** Scrolls the runs table through `frames` animation frames and returns each frame's duration. */
async function scrollFrames(page, frames) {
  return page.evaluate(async (count) => {
    const table = document.querySelector("[data-testid=runs-table]");
    const times = [];
    let last = performance.now();
    for (let i = 0; i < count; i++) {
      table.scrollTop += 400;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return { times, rows: document.querySelectorAll(".runs-row[data-run-id]").length, top: table.scrollTop };
  }, frames);
}

console.log(`Cairn web UI benchmark on ${os.cpus().length} cores, Node ${process.version}, Debian Chromium, SQLite store\n`);
const server = await startCairn();
const browser = await launch();
try {
  let started = performance.now();
  if (PARTS.has("runs")) {
    // (a) 10,000 runs.
    started = performance.now();
    const experimentId = await seedManyRuns(server.url);
    console.log(`seeded ${RUNS} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const firstRows = [];
    const allRows = [];
    for (let i = 0; i < 3; i++) {
      firstRows.push(await navigateUntil(browser.page, `${server.url}/experiments/${experimentId}`, ".runs-row[data-run-id]"));
      started = performance.now();
      await browser.page.waitForFunction(
        (n) => document.querySelector("[data-testid=run-count]")?.textContent === `${n.toLocaleString()} runs`,
        RUNS,
        {
          timeout: 120_000,
        },
      );
      allRows.push(firstRows.at(-1) + performance.now() - started);
    }
    report("(a) 10,000 runs: first rows on screen (median of 3)", median(firstRows), "ms");
    report("(a) 10,000 runs: all rows loaded and sortable", median(allRows), "ms");
    const scroll = await scrollFrames(browser.page, 120);
    const frames = scroll.times.slice(1);
    report("(a) scrolling 48,000 px: median frame", median(frames), "ms");
    report("(a) scrolling: p95 frame", percentile(frames, 95), "ms");
    report("(a) scrolling: frames over 50 ms", frames.filter((t) => t > 50).length, `of ${frames.length}`);
    report("(a) rows in the DOM while scrolling 10,000", scroll.rows, "rows");
    started = performance.now();
    await browser.page.getByRole("button", { name: "Sort by loss" }).click();
    await browser.page.waitForURL(/sort=metric/);
    report("(a) sort 10,000 runs by a metric (click to URL)", performance.now() - started, "ms");
  }

  const overlayExperiment = (await post(server.url, "/experiments/create", { name: "overlay" })).experiment_id;
  if (PARTS.has("overlay")) {
    // (b) 20 runs x 100,000 steps overlaid.
    const runIds = [];
    started = performance.now();
    await parallel(20, 4, async (index) => {
      const runId = (await post(server.url, "/runs/create", { experiment_id: overlayExperiment, run_name: `long-${index}` })).run.info
        .run_id;
      runIds.push(runId);
      await logSteps(
        server.url,
        runId,
        100_000,
        (step) => Math.exp(-step / (20_000 + index * 1000)) + 0.05 * Math.sin(step / 500) + (step === 50_000 + index ? 2 : 0),
      );
    });
    console.log(`seeded 20 x 100,000 steps in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const overlay = [];
    let points = 0;
    for (let i = 0; i < 3; i++) {
      overlay.push(
        await navigateUntil(
          browser.page,
          `${server.url}/compare?runs=${runIds.join(",")}`,
          '[data-testid="chart-loss"][data-state="drawn"]',
        ),
      );
      points = await browser.page.getAttribute('[data-testid="chart-loss"]', "data-points");
    }
    report("(b) 20 x 100,000 steps overlaid: navigation to drawn", median(overlay), "ms");
    report("(b) points drawn (M4, 2 buckets per pixel)", Number(points), "points");
    const endpoint = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await fetch(`${server.url}/api/2.0/cairn/metrics/downsampled?${runIds.map((id) => `run_ids=${id}`).join("&")}&key=loss&buckets=1200`);
      endpoint.push(performance.now() - started);
    }
    report("(b) of which the downsampled endpoint, 20 runs", median(endpoint), "ms");
  }
  if (PARTS.has("million")) {
    // (c) one metric of 1,000,000 steps with one spike.
    const bigRun = (await post(server.url, "/runs/create", { experiment_id: overlayExperiment, run_name: "million" })).run.info.run_id;
    started = performance.now();
    await logSteps(server.url, bigRun, 1_000_000, (step) => Math.sin(step / 10_000) + (step === 777_777 ? 10 : 0));
    console.log(`seeded 1,000,000 steps in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const million = [];
    const fetchDraw = [];
    for (let i = 0; i < 3; i++) {
      million.push(
        await navigateUntil(browser.page, `${server.url}/runs/${bigRun}?tab=metrics`, '[data-testid="chart-loss"][data-state="drawn"]'),
      );
      const fetchMs = Number(await browser.page.getAttribute('[data-testid="chart-loss"]', "data-fetch-ms"));
      const drawMs = Number(await browser.page.getAttribute('[data-testid="chart-loss"]', "data-draw-ms"));
      fetchDraw.push(fetchMs + drawMs);
    }
    const spike = await browser.page.evaluate(() => document.querySelector(".metric-chart-title")?.textContent);
    report("(c) 1,000,000 steps: downsample request + draw", median(fetchDraw), "ms");
    report("(c) 1,000,000 steps: page navigation to drawn", median(million), "ms");
    console.log(`    ${spike}`);
    const direct = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      const response = await fetch(`${server.url}/api/2.0/cairn/metrics/downsampled?run_ids=${bigRun}&key=loss&buckets=2000`);
      const body = await response.json();
      direct.push(performance.now() - started);
      if (Math.max(...body.series[0].values) < 10) throw new Error("the spike was lost");
    }
    report("(c) 1,000,000 steps: downsampled endpoint alone", median(direct), "ms");
    const zoom = [];
    for (let i = 0; i < 3; i++) {
      const box = await browser.page.locator('[data-testid="chart-loss"] .u-over').boundingBox();
      const draws = Number(await browser.page.getAttribute('[data-testid="chart-loss"]', "data-draws"));
      started = performance.now();
      await browser.page.mouse.move(box.x + box.width * (0.3 + i * 0.1), box.y + box.height / 2);
      await browser.page.mouse.down();
      await browser.page.mouse.move(box.x + box.width * (0.35 + i * 0.1), box.y + box.height / 2, { steps: 3 });
      await browser.page.mouse.up();
      await browser.page.waitForFunction(
        (before) => Number(document.querySelector('[data-testid="chart-loss"]')?.dataset.draws) > before,
        draws,
        { polling: "raf" },
      );
      zoom.push(performance.now() - started);
    }
    report("(c) zoom: drag, re-query the window, redraw (incl. 120 ms debounce)", median(zoom), "ms");
  }
} finally {
  await browser.close();
  await server.stop();
}
