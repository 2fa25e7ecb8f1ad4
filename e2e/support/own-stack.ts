import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type RunningSimulator, type Scenario, startSimulator } from "@casegraph/server/simulator";
import { E2E_PORT, E2E_SIM_PORT } from "./ports";

const serverDir = fileURLToPath(new URL("../../server", import.meta.url));

export interface OwnStack {
  url: string;
  /** The simulator the BFF reads, whose request log says whether Datadog was asked. */
  sim: RunningSimulator;
  close(): Promise<void>;
}

/**
 * A BFF of its own in live mode against a simulator holding `scenario`, on the ports after the
 * suite's, for tests that need data other than the demo. Both listen on loopback and stop in
 * `close`.
 */
export async function startOwnStack(
  scenario: Scenario,
  env: Record<string, string> = {},
): Promise<OwnStack> {
  const sim: RunningSimulator = await startSimulator({ scenario, port: E2E_SIM_PORT + 1 });
  const port = E2E_PORT + 1;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DD_API_KEY: "e2e-api-key",
      DD_APP_KEY: "e2e-app-key",
      DD_API_URL: sim.url,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (data) => {
    errors += String(data);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      await sim.close();
      throw new Error(`the BFF did not start:\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    sim,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await sim.close();
    },
  };
}
