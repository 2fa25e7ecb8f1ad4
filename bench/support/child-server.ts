import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { spawnNode } from "../../server/src/testing/spawn-server";

/** tsx as the server package resolves it; bench/ has no copy of its own. */
export { tsxLoader } from "../../server/src/testing/spawn-server";

import type { FromChild, MemoryFigures, ToChild } from "../servers/messages";
import { BENCH_DIR } from "./paths";

export interface ChildServer {
  url: string;
  send(message: ToChild): void;
  memory(): Promise<MemoryFigures>;
  /** CPU time the process has used so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess, type: FromChild["type"]): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type === "error") {
        cleanup();
        reject(new Error(message.message));
      } else if (message.type === type) {
        cleanup();
        resolve(message);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench server exited with ${code} before "${type}"`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/**
 * Extra Node flags for the bench's servers, from `BENCH_CHILD_NODE_FLAGS` (for example
 * `--cpu-prof --cpu-prof-dir=/tmp/bff-profiles`, to see where a BFF's time goes): Node does not
 * take `--cpu-prof` from NODE_OPTIONS.
 */
export function childNodeFlags(): string[] {
  return (process.env.BENCH_CHILD_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Starts `bench/servers/<script>` in its own Node process (with gc exposed, for memory figures)
 * and waits for its URL. `beforeReady` runs once the IPC channel is open, for servers that need
 * data before they listen.
 */
export async function startChildServer(
  script: string,
  args: string[] = [],
  beforeReady?: (send: (message: ToChild) => void) => void,
): Promise<ChildServer> {
  const { child } = spawnNode({
    script: join(BENCH_DIR, "servers", script),
    args,
    env: process.env,
    nodeFlags: ["--expose-gc", ...childNodeFlags()],
    ipc: true,
    output: "inherit",
  });
  const send = (message: ToChild) => child.send(message);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const ready = nextMessage(child, "ready");
    beforeReady?.(send);
    const message = await ready;
    if (message.type !== "ready") throw new Error("unexpected message");
    return {
      url: message.url,
      send,
      async memory() {
        const reply = nextMessage(child, "memory");
        send({ type: "memory" });
        const figures = await reply;
        if (figures.type !== "memory") throw new Error("unexpected message");
        return figures;
      },
      async cpuMs() {
        const reply = nextMessage(child, "cpu");
        send({ type: "cpu" });
        const figures = await reply;
        if (figures.type !== "cpu") throw new Error("unexpected message");
        return figures.ms;
      },
      async stop() {
        if (child.exitCode !== null) return;
        send({ type: "stop" });
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

/** What `bench/servers/bff-process.ts` is started with, besides the simulator's URL. */
export interface BffProcessOptions {
  /** The built client it serves, for benches that open pages. */
  clientDir?: string;
  /** BFF environment on top of the bench's keys; absent: production's defaults. */
  env?: Record<string, string>;
}

/**
 * One loopback client sends every lookup of a load test: the per-client rate limit would cut
 * it short, so load tests lift it. Benches that open pages keep production's limits.
 */
export const LOAD_TEST_ENV = { CASEGRAPH_CLIENT_RATE_LIMIT: "1000000" };

/** The real BFF alone in its own process, pointed at `upstreamUrl`. */
export function startBffProcess(
  upstreamUrl: string,
  options: BffProcessOptions = {},
): Promise<ChildServer> {
  return startChildServer("bff-process.ts", [upstreamUrl, JSON.stringify(options)]);
}
