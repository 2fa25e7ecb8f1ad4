import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT, E2E_SIM_PORT } from "./support/ports";

/** Debian's Chromium where the machine has it; Playwright's own browser elsewhere. */
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) =>
  existsSync(p),
);

export { E2E_PORT, E2E_SIM_PORT };

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "./playwright-report" }],
    // CI collects a JSON report beside the console output (see .ci/run).
    ...(process.env.CASEGRAPH_TEST_REPORTS
      ? [["json", { outputFile: `${process.env.CASEGRAPH_TEST_REPORTS}/playwright.json` }] as const]
      : []),
  ],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1400, height: 900 },
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          ...(systemChromium ? { executablePath: systemChromium } : {}),
          // This machine has no route out; background traffic only produces refused connections.
          args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
        },
      },
    },
  ],
  // The production build, served by the BFF in demo mode, with the simulator on a known port
  // so tests can inject faults through its admin endpoints.
  webServer: {
    command: "pnpm --dir .. start",
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      CASEGRAPH_SIM_PORT: String(E2E_SIM_PORT),
      LOG_LEVEL: "warn",
      // One server serves the whole suite: without this, an entity an earlier test looked up
      // would come from the BFF's cache and never reach a fault injected into the simulator;
      // and with no stale copy kept, a fault shows as a failure rather than as the last good
      // answer an earlier test left behind (stale-if-error).
      CASEGRAPH_LINKS_TTL_S: "0",
      CASEGRAPH_ENTITIES_TTL_S: "0",
      CASEGRAPH_STALE_KEEP_S: "0",
      DD_API_KEY: "",
      DD_APP_KEY: "",
    },
  },
});
