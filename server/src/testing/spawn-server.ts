import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const mainPath = fileURLToPath(new URL("../main.ts", import.meta.url));
/** The documented production start command (README, deployment). */
export const START_SCRIPT = fileURLToPath(new URL("../../bin/casegraph-server", import.meta.url));
const serverDir = fileURLToPath(new URL("../..", import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  /** The exit code once the process has ended. */
  exited: Promise<number | null>;
  /** The base URL once it logs that it listens (it starts on port 0). */
  listening(): Promise<string>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * The real server process as the start script runs it (node with the tsx loader, so signals
 * reach the server itself), or the start script itself, with only the given environment. Tests
 * kill what they spawn.
 */
export function spawnServer(
  env: NodeJS.ProcessEnv,
  options: { startScript?: boolean } = {},
): SpawnedServer {
  const [command, args] = options.startScript
    ? [START_SCRIPT, []]
    : [process.execPath, ["--import", "tsx", mainPath]];
  const child = spawn(command, args, {
    cwd: serverDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (data: unknown) => {
    output += String(data);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = async (): Promise<string> => {
    for (let i = 0; i < 600; i++) {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) return match[1];
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server did not start:\n${output}`);
  };
  return { child, exited, listening, output: () => output };
}
