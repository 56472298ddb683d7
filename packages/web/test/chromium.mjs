// Headless Debian Chromium through playwright-core, shared by the browser tests and
// bench/ui.mjs (plain JavaScript, so the bench can import it without a TypeScript step).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

/** Debian's Chromium; never a browser downloaded by `playwright install`. */
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? "/usr/bin/chromium";

/**
 * A fresh profile under the temp folder, and flags that keep Chromium off the network: without
 * the background-networking ones it keeps trying Google's hosts, which this machine refuses.
 *
 * `close` closes the browser and removes the profile.
 *
 * @param {string} profilePrefix
 * @returns {Promise<{ context: import("playwright-core").BrowserContext, close(): Promise<void> }>}
 */
export async function launchChromium(profilePrefix) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
