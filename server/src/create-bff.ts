import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { type CasegraphApp, createApp } from "./app";
import { createAccess, MAX_SESSIONS, SESSION_TTL_MS } from "./auth/create-access";
import type { Config } from "./config";
import { clientAddress } from "./http/client-address";
import { isAllowedHost } from "./http/host-allowlist";
import { enforceRequestDeadline } from "./http/request-deadline";
import type { Logger } from "./logger";
import { createRedisSharing, type RedisSharing } from "./redis/redis-sharing";
import { attachLookupSocket } from "./routes/lookup-socket";
import { demoScenario, type RunningSimulator, startSimulator } from "./simulator";
import { createDatadogClient, type DatadogClient } from "./upstream/datadog-client";
import { createMemoryLookupBudget, type LookupBudget } from "./upstream/lookup-budget";
import { createOrgQuota } from "./upstream/org-quota";
import { createUpstreamFetch } from "./upstream/upstream-fetch";

/** Demo mode needs key headers for the simulator's check; these are not secrets. */
export const DEMO_CREDENTIALS = { apiKey: "demo-api-key", appKey: "demo-app-key" };

/** How long a client may take to send a request's body once its headers are in. */
export const REQUEST_TIMEOUT_MS = 5_000;

/**
 * How long a new connection may stay silent, and a request's headers take to arrive: browsers
 * open connections before they need them, and a busy page can take seconds to use one.
 */
export const CONNECTION_IDLE_MS = 30_000;

/** How long shutdown lets in-flight requests finish before it closes their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface BffDeps {
  logger: Logger;
  /** Replaces the HTTP client under the Datadog client (tests of redirects, hangs, …). */
  fetch?: typeof fetch;
  /** Replaces the per-client budget of upstream calls (a shared tier). */
  budget?: LookupBudget;
  /** Called when the upstream rate limit makes a call wait (production logs it). */
  onRateLimitWait?: (waitMs: number) => void;
}

export interface Bff {
  app: Express;
  /** The HTTP server, created but not listening: upgrades (WebSocket) attach here. */
  server: Server;
  upstream: DatadogClient;
  caches: CasegraphApp["caches"];
  pageReadAheads: CasegraphApp["pageReadAheads"];
  /** Checks an HTTP upgrade (the lookup WebSocket) like a POST: its Origin must be casegraph's. */
  allowsUpgrade: (req: IncomingMessage) => boolean;
  /** Demo mode: the embedded simulator the BFF reads from. */
  simulator: RunningSimulator | undefined;
  /** With `REDIS_URL`: what this replica shares with the others. */
  redis: RedisSharing | undefined;
  /** Listens and resolves with the base URL (`http://host:port`). */
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops accepting, lets in-flight requests finish for up to `graceMs`, then closes what is
   * left and the embedded simulator.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The one way the BFF is assembled (configuration → upstream transport → Datadog client →
 * services → app → HTTP server), used by `main.ts`, the test fixtures and the benchmarks, so a
 * server in a test is built exactly like production.
 */
export async function createBff(config: Config, deps: BffDeps): Promise<Bff> {
  const simulator =
    config.mode === "demo"
      ? await startSimulator({
          scenario: demoScenario,
          port: config.simPort,
          keys: DEMO_CREDENTIALS,
        })
      : undefined;
  const upstreamUrl = simulator?.url ?? config.apiUrl;
  if (!upstreamUrl) throw new Error("no upstream URL: live mode needs DD_API_URL or DD_SITE");

  const redis = config.redis ? createRedisSharing(config, config.redis, deps.logger) : undefined;
  const transport = createUpstreamFetch({
    concurrency: config.upstream.concurrency,
    timeoutMs: config.upstream.timeoutMs,
    startWithinMs: config.limits.startWithinMs,
    queueMaxPerClient: config.limits.queueMaxPerClient,
    rateLimitWaitMaxMs: config.upstream.rateLimitWaitMaxMs,
    budget: deps.budget ?? lookupBudget(config, redis),
    orgQuota: createOrgQuota({
      clientShare: config.limits.quotaShare,
      ...(redis ? { shared: redis.quotaCount } : {}),
    }),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.onRateLimitWait ? { onRateLimitWait: deps.onRateLimitWait } : {}),
    ...(redis ? { sharedPause: redis.budget, sharedSlots: redis.upstreamSlots } : {}),
  });
  const upstream = createDatadogClient({
    baseUrl: upstreamUrl,
    // Live mode with sign-in may have no org keys at all: every call is then a person's.
    credentials: config.mode === "demo" ? DEMO_CREDENTIALS : config.credentials,
    transport,
  });
  let listenedUrl: string | undefined;
  const publicUrl = () => config.publicUrl ?? listenedUrl ?? `http://${config.host}:${config.port}`;
  // The embedded simulator plays both Datadog hosts in the demo: web app and API.
  const appUrl = simulator?.url ?? config.appUrl;
  let isTrustedProxy: (address: string) => boolean = () => false;
  const access = createAccess({
    config,
    logger: deps.logger,
    upstream,
    endpoints: {
      authorize: `${appUrl}/oauth2/v1/authorize`,
      token: `${upstreamUrl}/oauth2/v1/token`,
      revoke: `${upstreamUrl}/oauth2/v1/revoke`,
    },
    publicUrl,
    isTrustedProxy: (address) => isTrustedProxy(address),
    ...(redis && config.auth.mode === "datadog"
      ? { sessionStore: redis.sessionStore({ maxSessions: MAX_SESSIONS, ttlMs: SESSION_TTL_MS }) }
      : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const { app, caches, lookups, pageReadAheads, countClientRequest } = createApp({
    config,
    logger: deps.logger,
    upstream,
    access,
    lastUpstreamOutcome: transport.lastOutcome,
    ...(simulator ? { demoRoots: simulator.scenario.roots } : {}),
    ...(redis ? { redis } : {}),
  });
  // A request's body must arrive within a few seconds (`enforceRequestDeadline`); a connection
  // opened ahead of need may wait longer for its first request. Answers (a long batch stream)
  // are bounded by neither.
  // Express compiles CASEGRAPH_TRUST_PROXY once; the identity check asks the same function.
  const trustFn = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  isTrustedProxy = (address) => typeof config.trustProxy === "string" && trustFn(address, 0);
  const server = createServer(
    {
      requestTimeout: CONNECTION_IDLE_MS,
      headersTimeout: CONNECTION_IDLE_MS,
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  enforceRequestDeadline(server, REQUEST_TIMEOUT_MS);
  const lookupSocket = attachLookupSocket(server, {
    services: lookups,
    countRequest: countClientRequest,
    corsOrigins: config.corsOrigins,
    // The socket is outside Express: the same Host allowlist and client address apply.
    hostAllowed: isAllowedHost(config.allowedHosts),
    clientIdOf: (req) => clientAddress(req, app.get("trust proxy fn")),
    allowsOrigin: access.allowsUpgrade,
    identify: access.identifyUpgrade,
  });

  let closing: Promise<void> | undefined;
  const close = (graceMs = SHUTDOWN_GRACE_MS): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      // The callback runs also when the server never listened (with an error we do not need).
      server.close(async () => {
        clearTimeout(timer);
        await transport.close();
        await redis?.close();
        await simulator?.close();
        resolve();
      });
      // Idle keep-alive sockets would otherwise hold the server open; upgraded sockets are no
      // longer the HTTP server's, so they are closed here.
      server.closeIdleConnections();
      lookupSocket.close();
    });
    return closing;
  };

  return {
    app,
    server,
    upstream,
    caches,
    pageReadAheads,
    allowsUpgrade: access.allowsUpgrade,
    simulator,
    redis,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const { port: bound } = server.address() as AddressInfo;
          listenedUrl = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
          resolve(listenedUrl);
        });
      });
    },
    close,
  };
}

/** Each client's lookup budget: counted in Redis across replicas when there is one. */
function lookupBudget(config: Config, redis: RedisSharing | undefined): LookupBudget {
  const perMinute = config.limits.lookupBudgetPerMinute;
  const local = createMemoryLookupBudget(perMinute);
  return redis ? redis.lookupBudget(perMinute, local) : local;
}
