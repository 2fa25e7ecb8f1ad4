import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";
import { settledMarks, waitForSettled } from "./workspace";

const serverDir = fileURLToPath(new URL("../../server", import.meta.url));

export interface SignInServer {
  url: string;
  /** The embedded simulator, which plays Datadog's sign-in and API. */
  simUrl: string;
  stop(): Promise<void>;
}

/**
 * The production server in the demo with sign-in (`pnpm demo:auth`: CASEGRAPH_AUTH=datadog, the
 * embedded simulator as Datadog), on a free loopback port; the suite's own server is the demo
 * without sign-in.
 */
export async function startSignInServer(): Promise<SignInServer> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      CASEGRAPH_AUTH: "datadog",
      CASEGRAPH_SIM_PORT: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await expect
    .poll(() => /listening on http/.test(output) || child.exitCode !== null, { timeout: 60_000 })
    .toBe(true);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  const simUrl = /embedded simulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  if (!url || !simUrl) throw new Error(`the server did not start:\n${output}`);
  return {
    url,
    simUrl,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Picks `name` on the simulator's consent page and authorizes casegraph. */
export async function consentAs(page: Page, name: string): Promise<void> {
  await expect(page.getByRole("heading", { name: /Authorize casegraph-demo/ })).toBeVisible();
  await page.getByRole("radio", { name: new RegExp(`^${name} `) }).check();
  await page.getByRole("button", { name: "Authorize" }).click();
}

/**
 * Datadog stops accepting every access token issued so far; the page then refreshes, so each
 * lookup reaches Datadog with a refused token and the server must renew it. Resolves once the
 * refreshed graph has settled; returns how many tokens were expired.
 */
export async function expireTokensAndRefresh(page: Page, server: SignInServer): Promise<number> {
  const expired = await page.request.post(`${server.simUrl}/__sim/oauth/expire-access-tokens`);
  const { expired: count } = (await expired.json()) as { expired: number };
  const before = await settledMarks(page);
  await page
    .getByRole("toolbar", { name: "Graph controls" })
    .getByRole("button", { name: "Refresh" })
    .click();
  await waitForSettled(page, before);
  return count;
}
