import type { Store } from "express-rate-limit";
import type { Config } from "../config";
import type { EntityLabel } from "../contract";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import type { LookupTier } from "../services/lookup-cache";
import type { LinksAnswer } from "../upstream/datadog-client";
import type { SharedSlots } from "../upstream/fair-gate";
import type { LookupBudget } from "../upstream/lookup-budget";
import type { SharedQuotaCount } from "../upstream/org-quota";
import type { SharedPause } from "../upstream/upstream-fetch";
import { createRateLimitStore } from "./rate-limit-store";
import { createRedisCacheTier } from "./redis-cache-tier";
import { createRedisCoalescer } from "./redis-coalescer";
import { connectRedis, type RedisConnection, type RedisHealth } from "./redis-connection";
import { createRedisLookupBudget } from "./redis-lookup-budget";
import { RedisSessionStore } from "./redis-session-store";
import { createSharedLookupTier } from "./shared-lookup-tier";
import { createSharedQuotaCount } from "./shared-quota-count";
import { createSharedUpstreamBudget } from "./shared-upstream-budget";
import { createSharedUpstreamSlots } from "./shared-upstream-slots";

/**
 * Every key and channel casegraph uses starts with this, so one Redis can hold other data (the
 * upstream slots' key is `semaphore:casegraph:…`: the semaphore library puts its own word first).
 */
export const REDIS_PREFIX = "casegraph:";

/** One answer larger than this stays in the replica's own cache only. */
const MAX_SHARED_ENTRY_BYTES = 1024 * 1024;

export interface RedisSharing {
  connection: RedisConnection;
  tiers: { links: LookupTier<LinksAnswer>; entities: LookupTier<EntityLabel> };
  budget: SharedPause;
  /** The upstream concurrency as a total across replicas. */
  upstreamSlots: SharedSlots;
  /** Each client's calls in the org's quota window, counted across replicas. */
  quotaCount: SharedQuotaCount;
  rateLimitStore(name: string): Store;
  /** Each client's lookup budget across replicas; `local` counts while Redis does not answer. */
  lookupBudget(perMinute: number, local: LookupBudget): LookupBudget;
  /** Sign-in sessions across replicas, with this replica's copy for when Redis does not answer. */
  sessionStore(options: { maxSessions: number; ttlMs: number }): RedisSessionStore;
  health(): RedisHealth;
  close(): Promise<void>;
}

/** Upstream down, slow or rate limiting: a stale answer is better than none. */
const staleOnError = (error: unknown) =>
  error instanceof AppError && error.status >= 502 && error.code !== "upstream_unauthorized";

/** What replicas share through `REDIS_URL`: caches, in-flight lookups, upstream budget, limits. */
export function createRedisSharing(
  config: Config,
  redisConfig: NonNullable<Config["redis"]>,
  logger: Logger,
): RedisSharing {
  const connection = connectRedis({
    url: redisConfig.url,
    commandTimeoutMs: redisConfig.commandTimeoutMs,
    logger,
  });
  // A holder that died leaves its lock (or upstream slot) for one upstream call's worst case,
  // waits included.
  const lockMs = config.upstream.timeoutMs * 3 + config.upstream.rateLimitWaitMaxMs * 2;
  const coalescer = createRedisCoalescer(connection, { prefix: REDIS_PREFIX, lockMs });
  const maxEntryBytes = Math.min(MAX_SHARED_ENTRY_BYTES, Math.floor(config.cache.maxBytes / 2));
  const linksTier = createRedisCacheTier<LinksAnswer>(connection, {
    prefix: `${REDIS_PREFIX}links:`,
    ttlMs: config.cache.linksTtlMs,
    staleMs: config.cache.linksTtlMs,
    maxEntryBytes,
  });
  const labelsTier = createRedisCacheTier<EntityLabel>(connection, {
    prefix: `${REDIS_PREFIX}labels:`,
    ttlMs: config.cache.entitiesTtlMs,
    staleMs: config.cache.entitiesTtlMs,
    maxEntryBytes,
  });
  return {
    connection,
    tiers: {
      links: createSharedLookupTier(linksTier, coalescer, { name: "links", staleOnError }),
      entities: createSharedLookupTier(labelsTier, coalescer, { name: "labels", staleOnError }),
    },
    budget: createSharedUpstreamBudget(connection, { prefix: REDIS_PREFIX }),
    upstreamSlots: createSharedUpstreamSlots(connection, {
      prefix: REDIS_PREFIX,
      limit: config.upstream.concurrency,
      leaseMs: lockMs,
    }),
    quotaCount: createSharedQuotaCount(connection, { prefix: REDIS_PREFIX }),
    rateLimitStore: (name) => createRateLimitStore(connection, `${REDIS_PREFIX}rl:${name}:`),
    lookupBudget: (perMinute, local) =>
      createRedisLookupBudget(connection, { prefix: `${REDIS_PREFIX}budget:`, perMinute, local }),
    sessionStore: (options) =>
      new RedisSessionStore(connection, { ...options, prefix: `${REDIS_PREFIX}sess:` }),
    health: () => connection.health(),
    close: () => connection.close(),
  };
}
