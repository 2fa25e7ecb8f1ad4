import compression from "compression";
import express, { type Express } from "express";
import { rateLimit } from "express-rate-limit";
import { pinoHttp } from "pino-http";
import type { Config } from "./config";
import type { DemoRoot, EntityLabel } from "./contract";
import { AppError } from "./errors";
import { clientAppRouter } from "./http/client-app";
import { apiNotFound, errorHandler } from "./http/error-handler";
import { securityHeaders } from "./http/security-headers";
import type { Logger } from "./logger";
import type { RedisSharing } from "./redis/redis-sharing";
import { batchRouter } from "./routes/batch-route";
import { configRouter } from "./routes/config-route";
import { entitiesRouter } from "./routes/entities-route";
import { healthRouter } from "./routes/health-route";
import { linksRouter } from "./routes/links-route";
import { createEntityService } from "./services/entity-service";
import { createLinkService } from "./services/link-service";
import type { LookupCache } from "./services/lookup-cache";
import type { DatadogClient, LinksAnswer } from "./upstream/datadog-client";

export interface AppDeps {
  config: Config;
  logger: Logger;
  upstream: DatadogClient;
  demoRoots?: DemoRoot[];
  /** With `REDIS_URL`: the shared cache tiers, client limits and Redis's health. */
  redis?: Pick<RedisSharing, "tiers" | "rateLimitStore" | "health">;
}

export interface CasegraphApp {
  app: Express;
  /** Exposed for tests and benchmarks: the lookup caches. */
  caches: { links: LookupCache<LinksAnswer>; entities: LookupCache<EntityLabel> };
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
    deps.redis?.tiers.links,
  );
  const entities = createEntityService(
    upstream,
    { ...cacheBase, ttlMs: config.cache.entitiesTtlMs },
    config.appUrl,
    deps.redis?.tiers.entities,
  );

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
  app.use(healthRouter(upstream, deps.redis ? { redis: deps.redis.health } : {}));

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
  const perClient = rateLimit({
    windowMs: 60_000,
    limit: config.clientRateLimitPerMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Shared by replicas through Redis when there is one (per replica while it is away).
    ...(deps.redis ? { store: deps.redis.rateLimitStore("client") } : {}),
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
  app.use(
    configRouter({
      mode: config.mode,
      site: config.site,
      appUrl: config.appUrl,
      ...(deps.demoRoots ? { demoRoots: deps.demoRoots } : {}),
    }),
  );
  app.use("/api", apiNotFound);
  if (config.clientDir) app.use(clientAppRouter(config.clientDir, entities));
  // Whatever is left (another method, or no built client) still answers in the error contract.
  app.use((req) => {
    throw new AppError(
      404,
      "not_found",
      `There is nothing at ${req.method} ${req.path.slice(0, 100)}.`,
    );
  });
  app.use(errorHandler(logger));

  return { app, caches: { links: links.cache, entities: entities.cache } };
}
