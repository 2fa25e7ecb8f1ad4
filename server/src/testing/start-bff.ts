import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Config, loadConfig } from "../config";
import { type Bff, createBff } from "../create-bff";
import { createLogger } from "../logger";
import {
  type KnobsUpdate,
  type RunningSimulator,
  type Scenario,
  SIM_DEMO_OAUTH_CLIENT,
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
  pageReadAheads: Bff["pageReadAheads"];
  close(): Promise<void>;
}

export interface StartBffOptions {
  scenario?: Scenario;
  knobs?: KnobsUpdate;
  env?: NodeJS.ProcessEnv;
  clientDir?: string;
  /** Keys the BFF sends; the simulator always expects TEST_KEYS. */
  credentials?: { apiKey: string; appKey: string };
  /**
   * Sign in with Datadog through the simulator (the demo OAuth client), with no org keys; the
   * public URL is the address the BFF listens on.
   */
  signIn?: boolean;
  /** Lifetime of the simulator's access tokens. */
  accessTokenTtlS?: number;
  /** A simulator shared with other BFFs (replicas of one org), left running by `close`. */
  simulator?: RunningSimulator;
}

/** The env of a BFF that signs people in with Datadog through the simulator, without keys. */
export const SIGN_IN_ENV: NodeJS.ProcessEnv = {
  CASEGRAPH_AUTH: "datadog",
  DD_OAUTH_CLIENT_ID: SIM_DEMO_OAUTH_CLIENT.clientId,
  DD_OAUTH_CLIENT_SECRET: SIM_DEMO_OAUTH_CLIENT.clientSecret,
  // Replaced by the listening address below; the check only needs it present.
  CASEGRAPH_PUBLIC_URL: "http://127.0.0.1:1",
  DD_API_KEY: "",
  DD_APP_KEY: "",
};

/** The real BFF in live mode against the real simulator over HTTP, both on port 0. */
export async function startBff(options: StartBffOptions = {}): Promise<RunningBff> {
  const sim =
    options.simulator ??
    (await startSimulator({
      keys: TEST_KEYS,
      ...(options.accessTokenTtlS !== undefined
        ? { accessTokenTtlS: options.accessTokenTtlS }
        : {}),
      ...(options.scenario ? { scenario: options.scenario } : {}),
      ...(options.knobs ? { knobs: options.knobs } : {}),
    }));
  const credentials = options.credentials ?? TEST_KEYS;
  const config = loadConfig({
    DD_API_KEY: credentials.apiKey,
    DD_APP_KEY: credentials.appKey,
    DD_API_URL: sim.url,
    CASEGRAPH_UPSTREAM_TIMEOUT_MS: "1000",
    CASEGRAPH_RATE_LIMIT_WAIT_MAX_S: "1",
    LOG_LEVEL: "debug",
    ...(options.signIn ? { ...SIGN_IN_ENV, DD_APP_URL: sim.url } : {}),
    ...options.env,
  });
  if (options.clientDir) config.clientDir = options.clientDir;
  if (options.signIn) config.publicUrl = undefined;
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
    pageReadAheads: bff.pageReadAheads,
    async close() {
      await bff.close(0);
      if (!options.simulator) await sim.close();
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
