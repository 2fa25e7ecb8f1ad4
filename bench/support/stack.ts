import { Writable } from "node:stream";
import { type Config, loadConfig } from "../../server/src/config";
import { type Bff, createBff } from "../../server/src/create-bff";
import { createLogger } from "../../server/src/logger";
import {
  type KnobsUpdate,
  type RunningSimulator,
  type Scenario,
  startSimulator,
} from "../../server/src/simulator";
import { startBffProcess } from "./child-server";
import { mergeScenarios } from "./scenarios";
import { warmUp, warmUpGraph } from "./warm-up";

/** The simulator only answers requests that carry exactly these (made-up) keys. */
export const SIM_KEYS = { apiKey: "bench-api-key-6c1d0e", appKey: "bench-app-key-93fa27" };

export interface Stack {
  /** BFF base URL. */
  url: string;
  sim: RunningSimulator;
  config: Config;
  caches: Bff["caches"];
  close(): Promise<void>;
}

export interface StackOptions {
  scenario: Scenario;
  knobs?: KnobsUpdate;
  clientDir?: string;
  /** Extra BFF environment, e.g. a higher client rate limit for load tests. */
  env?: NodeJS.ProcessEnv;
}

/** Discards log lines: production logs each request at info, but nothing needs to keep them. */
const discard = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

export interface BffServer {
  url: string;
  config: Config;
  caches: Bff["caches"];
  close(): Promise<void>;
}

/**
 * The real BFF in live mode on 127.0.0.1 port 0, pointed at `upstreamUrl`. Built the way
 * `server/src/main.ts` builds it, at production's log level, so the cost of logging counts.
 */
export async function startBff(options: {
  upstreamUrl: string;
  clientDir?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<BffServer> {
  const config = loadConfig({
    DD_API_KEY: SIM_KEYS.apiKey,
    DD_APP_KEY: SIM_KEYS.appKey,
    DD_API_URL: options.upstreamUrl,
    LOG_LEVEL: "info",
    ...options.env,
  });
  if (options.clientDir) config.clientDir = options.clientDir;
  const bff = await createBff(config, { logger: createLogger(config.logLevel, discard) });
  const url = await bff.listen(0, "127.0.0.1");
  return {
    url,
    config,
    caches: bff.caches,
    close: () => bff.close(0),
  };
}

/** The simulator a BFF expects: the scenario, the knobs and the keys the BFF sends. */
export function startBenchSimulator(scenario: Scenario, knobs?: KnobsUpdate) {
  return startSimulator({ scenario, keys: SIM_KEYS, ...(knobs ? { knobs } : {}) });
}

/** Simulator and BFF in this process, both on 127.0.0.1 port 0. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const sim = await startBenchSimulator(options.scenario, options.knobs);
  try {
    const bff = await startBff({
      upstreamUrl: sim.url,
      ...(options.clientDir ? { clientDir: options.clientDir } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    return {
      ...bff,
      sim,
      async close() {
        await bff.close();
        await sim.close();
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** The simulator in this process and the BFF in its own, warmed up: what a viewer meets. */
export interface ProcessStack {
  url: string;
  sim: RunningSimulator;
  close(): Promise<void>;
}

/**
 * The simulator here and the BFF in its own process, as production runs it, warmed up on a
 * graph of its own before the viewer comes. The simulator serves that graph beside
 * `scenario`; its request log is cleared after the warm-up, so it counts the viewer's calls.
 */
export async function startProcessStack(options: {
  scenario: Scenario;
  knobs?: KnobsUpdate;
  clientDir: string;
}): Promise<ProcessStack> {
  const warm = warmUpGraph();
  const sim = await startBenchSimulator(
    mergeScenarios(options.scenario, warm.scenario),
    options.knobs,
  );
  try {
    const bff = await startBffProcess(sim.url, { clientDir: options.clientDir });
    try {
      await warmUp(bff.url, warm);
      sim.clearRequests();
      return {
        url: bff.url,
        sim,
        async close() {
          await bff.stop();
          await sim.close();
        },
      };
    } catch (error) {
      await bff.stop();
      throw error;
    }
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** Datadog's endpoint for one entity's links, as the simulator logs it. */
export const UPSTREAM_LINKS_PATH = "/api/v2/cases/link";

/** Link lookups the simulator answered: what Datadog would bill against its rate limit. */
export function upstreamLinkCalls(sim: RunningSimulator): number {
  return sim.requests().filter((r) => r.path === UPSTREAM_LINKS_PATH).length;
}
