import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const mainPath = fileURLToPath(new URL("../main.ts", import.meta.url));
/** The documented production start command (README, deployment). */
export const START_SCRIPT = fileURLToPath(new URL("../../bin/casegraph-server", import.meta.url));
const serverDir = fileURLToPath(new URL("../..", import.meta.url));
/** Resolved from the server package, so scripts outside it (bench/) load the same tsx. */
export const tsxLoader = pathToFileURL(
  createRequire(`${serverDir}package.json`).resolve("tsx"),
).href;

export interface SpawnedServer {
  child: ChildProcess;
  /** The exit code once the process has ended. */
  exited: Promise<number | null>;
  /** The base URL once it logs that it listens (it starts on port 0). */
  listening(): Promise<string>;
  /** Everything it wrote to stdout and stderr so far (empty when the output is inherited). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  /** The TypeScript entry point; the server's `src/main.ts` unless given. */
  script?: string;
  args?: string[];
  /** The whole environment of the process (nothing else is inherited). */
  env: NodeJS.ProcessEnv;
  /** Node.js flags before the loader, e.g. `--expose-gc`. */
  nodeFlags?: string[];
  /** Opens an IPC channel (`child.send`, `process.send`). */
  ipc?: boolean;
  /** `inherit` passes the output through instead of keeping it. */
  output?: "collect" | "inherit";
  /** Runs the production start command (`bin/casegraph-server`) instead of node directly. */
  startScript?: boolean;
}

/**
 * The one way a Node.js process of ours is started: `node --import tsx <script>`, exactly as
 * `pnpm start` runs the server (so signals reach the server itself). Used by the tests and the
 * benchmarks; callers stop what they spawn.
 */
export function spawnNode(options: SpawnOptions): SpawnedServer {
  const collect = (options.output ?? "collect") === "collect";
  const io = collect ? "pipe" : "inherit";
  const [command, args] = options.startScript
    ? [START_SCRIPT, []]
    : [
        process.execPath,
        [
          ...(options.nodeFlags ?? []),
          "--import",
          tsxLoader,
          options.script ?? mainPath,
          ...(options.args ?? []),
        ],
      ];
  const child = spawn(command, args, {
    cwd: serverDir,
    env: options.env,
    stdio: options.ipc ? ["ignore", io, io, "ipc"] : ["ignore", io, io],
  });
  let output = "";
  const keep = (data: unknown) => {
    output += String(data);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = async (): Promise<string> => {
    // Bounded, but generous: tsx compiles the server on start, slowly on a loaded machine.
    for (let i = 0; i < 2_400; i++) {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) return match[1];
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server did not start:\n${output}`);
  };
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { child, exited, listening, output: () => output, stop };
}

/**
 * The real server process with only the given environment (on port 0, logging at info), or
 * the production start command itself.
 */
export function spawnServer(
  env: NodeJS.ProcessEnv,
  options: { startScript?: boolean } = {},
): SpawnedServer {
  return spawnNode({
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "0", LOG_LEVEL: "info", ...env },
    ...(options.startScript ? { startScript: true } : {}),
  });
}
