import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_PREFIX, handleAdminRequest, resetSimulator, setKnobs } from "./admin-handler";
import { handleDatadogRequest } from "./datadog-handler";
import { InFlightMeter, type InFlightReport } from "./in-flight-meter";
import {
  applyKnobsUpdate,
  defaultKnobs,
  type Knobs,
  type KnobsUpdate,
  parseKnobsUpdate,
} from "./knobs";
import { CURRENT_USER_PATH, handleOAuthRequest, OAUTH_PREFIX } from "./oauth-handler";
import { type OAuthClient, OAuthState } from "./oauth-state";
import { mulberry32 } from "./prng";
import { RateLimitWindows } from "./rate-limit-windows";
import { jsonReply, writeReply } from "./reply";
import { RequestLog, type RequestLogEntry } from "./request-log";
import { ScenarioIndex } from "./scenario-index";
import { demoScenario } from "./scenarios/demo-scenario";
import type { Scenario } from "./scenarios/scenario";
import type { ApiKeys, SimulatorState } from "./simulator-state";

export interface SimulatorOptions {
  /** Default: the demo scenario. */
  scenario?: Scenario;
  knobs?: KnobsUpdate;
  /** When given, key headers must carry exactly these values; otherwise any non-empty value passes. */
  keys?: ApiKeys;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds latency jitter and the random error, hang and malformed draws. Default 1. */
  seed?: number;
  /** Request log size. Default 50,000. */
  logCapacity?: number;
  /** OAuth clients that may sign people in. Default: the demo client (`casegraph-demo`). */
  oauthClients?: OAuthClient[];
  /** Lifetime of the access tokens it issues. Default 3600 s. */
  accessTokenTtlS?: number;
}

/** The simulator's built-in OAuth client; not a secret (the demo with sign-in uses it). */
/** Linux caps the accept queue at net.core.somaxconn (4096 by default since 5.4). */
const LISTEN_BACKLOG = 4096;

export const SIM_DEMO_OAUTH_CLIENT: OAuthClient = {
  clientId: "casegraph-demo",
  clientSecret: "casegraph-demo-secret",
};

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:8181, to use as the Datadog server. */
  url: string;
  port: number;
  requests(): readonly RequestLogEntry[];
  clearRequests(): void;
  /** Requests being answered now and the most at once (`GET /__sim/stats`). */
  stats(): InFlightReport;
  /** The maximum starts again from what is in flight now (`DELETE /__sim/stats`). */
  resetStats(): void;
  /** Validates like `PATCH /__sim/knobs`; throws on a bad knob. */
  setKnobs(update: KnobsUpdate): void;
  knobs(): Knobs;
  /** Knobs back to the start values, log and rate-limit windows cleared. */
  reset(): void;
  /** Sign-in state: expire access tokens, count live sign-ins. */
  oauth: OAuthState;
  scenario: Scenario;
  /** Stops listening and ends every open, delayed or hung request. */
  close(): Promise<void>;
}

/** Starts a Datadog-compatible upstream serving one scenario. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const scenario = options.scenario ?? demoScenario;
  const initialKnobs = applyKnobsUpdate(defaultKnobs(), validated(options.knobs ?? {}));
  const state: SimulatorState = {
    index: new ScenarioIndex(scenario),
    knobs: applyKnobsUpdate(initialKnobs, {}),
    initialKnobs,
    ...(options.keys ? { keys: { ...options.keys } } : {}),
    oauth: new OAuthState(
      options.oauthClients ?? [SIM_DEMO_OAUTH_CLIENT],
      options.accessTokenTtlS ?? 3600,
    ),
    log: new RequestLog(options.logCapacity),
    inFlight: new InFlightMeter(),
    windows: new RateLimitWindows(),
    random: mulberry32(options.seed ?? 1),
    timers: new Set(),
    hung: new Set(),
  };

  const server = createServer((req, res) => {
    handle(req, res, state).catch(() => {
      if (!res.headersSent) writeReply(res, jsonReply(500, { errors: ["Internal Server Error"] }));
      else res.destroy();
    });
  });
  // Benchmarks keep many connections alive; a short timeout would show up as spurious resets.
  server.keepAliveTimeout = 30_000;

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Datadog never leaves a connection unaccepted. Node's default queue (511) overflows when a
    // graph's lookups open hundreds of connections while this process is busy, and each
    // overflowed connection hangs until the BFF's upstream timeout: the kernel's own maximum.
    server.listen({ port: options.port ?? 0, host, backlog: LISTEN_BACKLOG }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    scenario,
    requests: () => state.log.entries(),
    clearRequests: () => state.log.clear(),
    stats: () => state.inFlight.report(),
    resetStats: () => state.inFlight.resetMax(),
    setKnobs: (update) => setKnobs(state, validated(update)),
    knobs: () => structuredClone(state.knobs),
    reset: () => resetSimulator(state),
    oauth: state.oauth,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of state.timers) clearTimeout(timer);
        state.timers.clear();
        for (const res of state.hung) res.destroy();
        state.hung.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: SimulatorState,
): Promise<void> {
  // Prefixing keeps a path like //x a path instead of a host.
  const url = new URL(`http://simulator.invalid${req.url ?? "/"}`);
  if (url.pathname.startsWith(ADMIN_PREFIX)) return handleAdminRequest(req, res, url, state);
  if (url.pathname.startsWith(OAUTH_PREFIX) || url.pathname === CURRENT_USER_PATH)
    return handleOAuthRequest(req, res, url, state);
  handleDatadogRequest(req, res, url, state);
}

function validated(update: KnobsUpdate): KnobsUpdate {
  const parsed = parseKnobsUpdate(update);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.update;
}
