import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Config, loadConfig } from "../config";
import { type Bff, createBff } from "../create-bff";
import { createLogger } from "../logger";
import {
  type KnobsUpdate,
  type RunningSimulator,
  type Scenario,
  startSimulator,
} from "../simulator";

export const TEST_KEYS = { apiKey: "test-api-key-4f1e9c2a7b", appKey: "test-app-key-8d3b6e0f51" };

export interface RunningBff {
  url: string;
  sim: RunningSimulator;
  /** Every log line the BFF wrote, as text. */
  logs: string[];
  config: Config;
  caches: Bff["caches"];
  close(): Promise<void>;
}

export interface StartBffOptions {
  scenario?: Scenario;
  knobs?: KnobsUpdate;
  env?: NodeJS.ProcessEnv;
  clientDir?: string;
  /** Keys the BFF sends; the simulator always expects TEST_KEYS. */
  credentials?: { apiKey: string; appKey: string };
}

/** The real BFF in live mode against the real simulator over HTTP, both on port 0. */
export async function startBff(options: StartBffOptions = {}): Promise<RunningBff> {
  const sim = await startSimulator({
    keys: TEST_KEYS,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.knobs ? { knobs: options.knobs } : {}),
  });
  const credentials = options.credentials ?? TEST_KEYS;
  const config = loadConfig({
    DD_API_KEY: credentials.apiKey,
    DD_APP_KEY: credentials.appKey,
    DD_API_URL: sim.url,
    CASEGRAPH_UPSTREAM_TIMEOUT_MS: "1000",
    CASEGRAPH_RATE_LIMIT_WAIT_MAX_S: "1",
    LOG_LEVEL: "debug",
    ...options.env,
  });
  if (options.clientDir) config.clientDir = options.clientDir;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(config.logLevel, sink);
  const bff = await createBff(config, { logger });
  const url = await bff.listen(0, "127.0.0.1");
  return {
    url,
    sim,
    logs,
    config,
    caches: bff.caches,
    async close() {
      await bff.close(0);
      await sim.close();
    },
  };
}

/** Link-lookup requests the simulator received (admin requests are not logged). */
export function upstreamLinkCalls(sim: RunningSimulator, entityId?: string) {
  return sim
    .requests()
    .filter(
      (r) => r.path === "/api/v2/cases/link" && (entityId === undefined || r.entityId === entityId),
    );
}

/**
 * One BFF for a describe block, with the simulator's knobs and log and both caches reset before
 * each test so that tests do not see each other's faults or cached answers.
 */
export function useFreshBff(options: StartBffOptions = {}): () => RunningBff {
  let bff: RunningBff | undefined;
  beforeAll(async () => {
    bff = await startBff(options);
  });
  afterAll(() => bff?.close());
  beforeEach(() => {
    bff?.sim.reset();
    bff?.caches.links.clear();
    bff?.caches.entities.clear();
  });
  return () => {
    if (!bff) throw new Error("the BFF is not started yet");
    return bff;
  };
}
