import compression from "compression";
import express, { type Express } from "express";
import { ipKeyGenerator, MemoryStore, rateLimit } from "express-rate-limit";
import { pinoHttp } from "pino-http";
import type { Config } from "./config";
import type { DemoRoot, EntityLabel } from "./contract";
import { AppError } from "./errors";
import { clientAppRouter } from "./http/client-app";
import { apiNotFound, errorHandler } from "./http/error-handler";
import { securityHeaders } from "./http/security-headers";
import type { Logger } from "./logger";
import { batchRouter } from "./routes/batch-route";
import { configRouter } from "./routes/config-route";
import { entitiesRouter } from "./routes/entities-route";
import { healthRouter } from "./routes/health-route";
import { linksRouter } from "./routes/links-route";
import { lookupsGetRouter } from "./routes/lookups-get-route";
import type { LookupServices } from "./services/answer-lookup";
import { createEntityService } from "./services/entity-service";
import { createLinkService } from "./services/link-service";
import type { LookupCache } from "./services/lookup-cache";
import type { DatadogClient, LinksAnswer } from "./upstream/datadog-client";

export interface AppDeps {
  config: Config;
  logger: Logger;
  upstream: DatadogClient;
  demoRoots?: DemoRoot[];
}

export interface CasegraphApp {
  app: Express;
  /** Exposed for tests and benchmarks: the lookup caches. */
  caches: { links: LookupCache<LinksAnswer>; entities: LookupCache<EntityLabel> };
  /** What answers a lookup, for transports outside Express (the lookup socket). */
  lookups: LookupServices;
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
  };
  const links = createLinkService(
    upstream,
    { ...cacheBase, ttlMs: config.cache.linksTtlMs },
    logger,
  );
  const entities = createEntityService(
    upstream,
    { ...cacheBase, ttlMs: config.cache.entitiesTtlMs },
    config.appUrl,
  );

  const lookups: LookupServices = { links, entities, logger };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.set("query parser", "simple");

  app.use(
    pinoHttp({
      logger,
      // Method, path and status are enough; headers (and any key in them) are never logged.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      // Every answered lookup at info would cost more than the lookup itself under load; set
      // LOG_LEVEL=debug to see them.
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? "warn" : res.statusCode >= 400 ? "info" : "debug",
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(securityHeaders);
  app.use(compression());
  app.use(healthRouter(upstream));

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

  // Per client address, for the API and for case pages (whose preview looks the case up).
  const windowMs = 60_000;
  const clientLimitStore = new MemoryStore();
  const perClient = rateLimit({
    windowMs,
    store: clientLimitStore,
    limit: config.clientRateLimitPerMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next, options) => {
      const retryAfter = Math.ceil(options.windowMs / 1000);
      next(
        new AppError(
          429,
          "rate_limited",
          `Too many requests from this client; try again in ${retryAfter} s.`,
          retryAfter,
        ),
      );
    },
  });
  app.use("/api", perClient);
  app.use("/cases", perClient);
  app.use(linksRouter(links));
  app.use(entitiesRouter(entities));
  app.use(batchRouter(links, entities, logger));
  app.use(lookupsGetRouter(lookups));
  app.use(
    configRouter({
      mode: config.mode,
      site: config.site,
      appUrl: config.appUrl,
      ...(deps.demoRoots ? { demoRoots: deps.demoRoots } : {}),
    }),
  );
  app.use("/api", apiNotFound);
  if (config.clientDir) app.use(clientAppRouter(config.clientDir, entities, links));
  // Whatever is left (another method, or no built client) still answers in the error contract.
  app.use((req) => {
    throw new AppError(
      404,
      "not_found",
      `There is nothing at ${req.method} ${req.path.slice(0, 100)}.`,
    );
  });
  app.use(errorHandler(logger));

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
    countClientRequest,
  };
}
