import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";

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
