import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * Headless Chromium: the Debian build when present (playwright-core ships no browser), else
 * CHROMIUM_PATH, else whatever Playwright has installed.
 */
export function launchBrowser(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
  return chromium.launch({
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    // Nothing but the page under test should use the network or the CPU.
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
