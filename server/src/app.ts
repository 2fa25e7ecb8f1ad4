import compression from "compression";
import express, { type Express } from "express";
import { ipKeyGenerator, MemoryStore, type Store } from "express-rate-limit";
import { pinoHttp } from "pino-http";
import type { Access } from "./auth/create-access";
import type { Config } from "./config";
import type { DemoRoot, EntityLabel } from "./contract";
import { AppError } from "./errors";
import { clientAppRouter } from "./http/client-app";
import { clientRateLimit } from "./http/client-rate-limit";
import { apiNotFound, errorHandler } from "./http/error-handler";
import { hostAllowlist } from "./http/host-allowlist";
import { createLogSampler } from "./http/log-sampler";
import { createPageReadAheads, type PageReadAheads } from "./http/page-read-ahead";
import { loggedRequest, requestLogLevel } from "./http/request-log";
import { securityHeaders, strictTransportSecurity } from "./http/security-headers";
import type { Logger } from "./logger";
import { REDIS_PREFIX, type RedisSharing } from "./redis/redis-sharing";
import { batchRouter } from "./routes/batch-route";
import { configRouter } from "./routes/config-route";
import { entitiesRouter } from "./routes/entities-route";
import { healthRouter } from "./routes/health-route";
import { linksRouter } from "./routes/links-route";
import { lookupsGetRouter } from "./routes/lookups-get-route";
import { snapshotsRouter } from "./routes/snapshots-route";
import type { LookupServices } from "./services/answer-lookup";
import { createEntityService } from "./services/entity-service";
import { createLinkService } from "./services/link-service";
import type { LookupCache } from "./services/lookup-cache";
import { createRefreshLimiter } from "./services/refresh-limiter";
import type { DatadogClient, LinksAnswer } from "./upstream/datadog-client";
import type { UpstreamOutcome } from "./upstream/upstream-fetch";

export interface AppDeps {
  config: Config;
  logger: Logger;
  upstream: DatadogClient;
  /** Who each request is, sign-in routes, CSRF check and 401s (create-access.ts). */
  access: Access;
  /** The last real upstream answer, so readiness needs no probe while lookups flow. */
  lastUpstreamOutcome?: () => UpstreamOutcome | undefined;
  demoRoots?: DemoRoot[];
  /** With `REDIS_URL`: the shared cache tiers, client limits and Redis's health. */
  redis?: Pick<RedisSharing, "tiers" | "rateLimitStore" | "health" | "connection">;
}

export interface CasegraphApp {
  app: Express;
  /** Exposed for tests and benchmarks: the lookup caches. */
  caches: { links: LookupCache<LinksAnswer>; entities: LookupCache<EntityLabel> };
  /** What answers a lookup, for transports outside Express (the lookup socket). */
  lookups: LookupServices;
  /** Case pages' reads ahead (exposed for tests: whether one runs, and when it is done). */
  pageReadAheads: PageReadAheads;
  /**
   * Counts one request against the per-client limit the HTTP API uses, for requests that do
   * not pass Express (socket handshakes and messages); the refusal when the client is over it.
   */
  countClientRequest(clientIp: string): Promise<AppError | undefined>;
}

/** The whole BFF without `listen`, so tests start the real thing on port 0. */
export function createApp(deps: AppDeps): CasegraphApp {
  const { config, logger, upstream } = deps;
  const cacheBase = {
    maxEntries: config.cache.maxEntries,
    maxBytes: Math.floor(config.cache.maxBytes / 2),
    notFoundTtlMs: config.cache.notFoundTtlMs,
    staleKeepMs: config.cache.staleKeepMs,
  };
  const tiers = deps.redis?.tiers;
  // One fresh read per entity per interval per client: what a person pressing Refresh needs.
  const refreshes = createRefreshLimiter(config.limits.refreshIntervalMs);
  const links = createLinkService(
    upstream,
    { ...cacheBase, ttlMs: config.cache.linksTtlMs, ...(tiers ? { tier: tiers.links } : {}) },
    logger,
    refreshes,
  );
  const entities = createEntityService(
    upstream,
    {
      ...cacheBase,
      ttlMs: config.cache.entitiesTtlMs,
      ...(tiers ? { tier: tiers.entities } : {}),
    },
    config.appUrl,
    refreshes,
  );
  const logSampler = createLogSampler();
  const lookups: LookupServices = { links, entities, logger, logSampler };
  const pageReadAheads = createPageReadAheads(lookups);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  app.use(
    pinoHttp({
      logger,
      // Method, a capped path and status are enough; headers (and any key in them) and query
      // values are never logged.
      serializers: {
        req: loggedRequest,
        res: (res: { statusCode: number; raw?: { suppressedLines?: number } }) => ({
          status: res.statusCode,
          ...(res.raw?.suppressedLines ? { suppressed: res.raw.suppressedLines } : {}),
        }),
      },
      // Every answered lookup at info would cost more than the lookup itself under load; set
      // LOG_LEVEL=debug to see them.
      customLogLevel: requestLogLevel(logSampler),
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(securityHeaders);
  app.use(strictTransportSecurity);
  app.use(hostAllowlist(config.allowedHosts));
  app.use(compression());
  app.use(
    healthRouter(upstream, deps.lastUpstreamOutcome, {
      keyless: config.mode === "live" && !config.credentials,
      ...(deps.redis ? { redis: deps.redis.health } : {}),
    }),
  );

  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.use("/api", (req, res, next) => {
      const origin = req.headers.origin;
      if (origin && allowed.has(origin)) {
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Vary", "Origin");
        res.setHeader("Access-Control-Allow-Methods", "GET, POST");
        res.setHeader("Access-Control-Allow-Headers", "Content-Type");
        if (req.method === "OPTIONS") {
          res.status(204).end();
          return;
        }
      }
      next();
    });
  }

  // Per client, for the API and for case pages (whose preview looks the case up); a generous
  // one for every other path, static files included. The API's store is shared with the
  // lookup socket, which counts its requests outside Express.
  const windowMs = 60_000;
  // Shared by replicas through Redis when there is one (per replica while it is away).
  const clientLimitStore: Store = deps.redis
    ? deps.redis.rateLimitStore("client")
    : new MemoryStore();
  const perClient = clientRateLimit(config.clientRateLimitPerMinute, { store: clientLimitStore });
  app.use("/api", perClient);
  app.use("/cases", perClient);
  app.use(
    clientRateLimit(config.staticRateLimitPerMinute, {
      skip: (path) => path.startsWith("/api/") || path.startsWith("/cases/"),
    }),
  );
  app.use(deps.access.router);
  app.use(linksRouter(links));
  app.use(entitiesRouter(entities));
  app.use(batchRouter(lookups));
  app.use(lookupsGetRouter(lookups));
  if (deps.redis) {
    app.use(
      snapshotsRouter({
        connection: deps.redis.connection,
        prefix: `${REDIS_PREFIX}snapshot:`,
        ttlMs: config.snapshotTtlMs,
      }),
    );
  }
  app.use(
    configRouter({
      mode: config.mode,
      site: config.site,
      appUrl: config.appUrl,
      auth: config.auth.mode,
      snapshots: deps.redis ? "short" : "fragment",
      ...(deps.demoRoots ? { demoRoots: deps.demoRoots } : {}),
    }),
  );
  app.use("/api", apiNotFound);
  // Previews name the case only where every visitor may read it anyway, or when asked to.
  const previews = config.auth.mode === "none" || config.publicPreviews;
  if (config.clientDir) {
    app.use(
      clientAppRouter(config.clientDir, lookups, {
        previews,
        pageReadAheads,
        anonymousReadAhead: config.auth.mode === "none",
      }),
    );
  }
  // Whatever is left (another method, or no built client) still answers in the error contract.
  app.use((req) => {
    throw new AppError(
      404,
      "not_found",
      `There is nothing at ${req.method} ${req.path.slice(0, 100)}.`,
    );
  });
  app.use(errorHandler(logger, logSampler));

  // One count at a time: the memory store answers with its live record, which a second
  // increment in the same tick would change before the first caller reads it.
  let counting: Promise<unknown> = Promise.resolve();
  const countClientRequest = (clientIp: string): Promise<AppError | undefined> => {
    const counted = counting.then(async () => {
      const { totalHits, resetTime } = await clientLimitStore.increment(ipKeyGenerator(clientIp));
      if (totalHits <= config.clientRateLimitPerMinute) return undefined;
      const resetMs = (resetTime?.getTime() ?? Date.now() + windowMs) - Date.now();
      const retryAfter = Math.max(1, Math.ceil(resetMs / 1000));
      return new AppError(
        429,
        "rate_limited",
        `Too many requests from this client; try again in ${retryAfter} s.`,
        retryAfter,
      );
    });
    counting = counted.catch(() => undefined);
    return counted;
  };

  return {
    app,
    caches: { links: links.cache, entities: entities.cache },
    lookups,
    pageReadAheads,
    countClientRequest,
  };
}
