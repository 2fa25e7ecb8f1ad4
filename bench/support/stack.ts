import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createApp } from "../../server/src/app";
import { type Config, loadConfig } from "../../server/src/config";
import { createLogger } from "../../server/src/logger";
import {
  type KnobsUpdate,
  type RunningSimulator,
  type Scenario,
  startSimulator,
} from "../../server/src/simulator";
import { createDatadogClient } from "../../server/src/upstream/datadog-client";
import { createUpstreamFetch } from "../../server/src/upstream/upstream-fetch";

/** The simulator only answers requests that carry exactly these (made-up) keys. */
const SIM_KEYS = { apiKey: "bench-api-key-6c1d0e", appKey: "bench-app-key-93fa27" };

export interface Stack {
  /** BFF base URL. */
  url: string;
  sim: RunningSimulator;
  config: Config;
  caches: ReturnType<typeof createApp>["caches"];
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
  caches: ReturnType<typeof createApp>["caches"];
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
  const transport = createUpstreamFetch({
    concurrency: config.upstream.concurrency,
    timeoutMs: config.upstream.timeoutMs,
    rateLimitWaitMaxMs: config.upstream.rateLimitWaitMaxMs,
  });
  const upstream = createDatadogClient({
    baseUrl: options.upstreamUrl,
    credentials: SIM_KEYS,
    transport,
  });
  const { app, caches } = createApp({
    config,
    logger: createLogger(config.logLevel, discard),
    upstream,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    caches,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
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

/** Link lookups the simulator answered: what Datadog would bill against its rate limit. */
export function upstreamLinkCalls(sim: RunningSimulator): number {
  return sim.requests().filter((r) => r.path === "/api/v2/cases/link").length;
}
