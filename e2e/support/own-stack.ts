import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type RunningSimulator, type Scenario, startSimulator } from "@casegraph/server/simulator";

const serverDir = fileURLToPath(new URL("../../server", import.meta.url));

export interface OwnStack {
  url: string;
  /** The simulator the BFF reads, whose request log says whether Datadog was asked. */
  sim: RunningSimulator;
  close(): Promise<void>;
}

/**
 * A BFF of its own in live mode against a simulator holding `scenario`, for tests that need data
 * other than the demo. Both listen on loopback on ports the system picks (port 0), so they never
 * meet another suite's servers, and stop in `close`.
 */
export async function startOwnStack(
  scenario: Scenario,
  env: Record<string, string> = {},
): Promise<OwnStack> {
  const sim: RunningSimulator = await startSimulator({ scenario, port: 0 });
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      // Info, for the start-up line that names the address it listens on.
      LOG_LEVEL: "info",
      DD_API_KEY: "e2e-api-key",
      DD_APP_KEY: "e2e-app-key",
      DD_API_URL: sim.url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (data) => {
    errors += String(data);
  });
  let output = "";
  const listening = new Promise<string>((resolve) => {
    const read = (data: unknown) => {
      output += String(data);
      const found = /casegraph listening on (http:\/\/127\.0\.0\.1:\d+)\D/.exec(output);
      if (!found?.[1]) return;
      child.stdout?.off("data", read);
      resolve(found[1]);
    };
    child.stdout?.on("data", read);
  });
  const exited = new Promise<null>((resolve) => child.once("exit", () => resolve(null)));
  const deadline = Date.now() + 60_000;
  const timeout = new Promise<null>((resolve) =>
    setTimeout(() => resolve(null), deadline - Date.now()).unref(),
  );
  const url = await Promise.race([listening, exited, timeout]);
  let up = false;
  while (url && !up && child.exitCode === null && Date.now() < deadline) {
    up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (!up) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!url || !up) {
    child.kill();
    await sim.close();
    const why = !url ? "it never said where it listens" : `${url}/healthz never answered`;
    throw new Error(`the BFF did not start (${why}, exit ${child.exitCode}):\n${errors}`);
  }
  // Keep draining its output so the BFF never blocks on a full pipe.
  child.stdout?.resume();
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
