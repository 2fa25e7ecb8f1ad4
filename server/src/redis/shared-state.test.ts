import express from "express";
import { rateLimit } from "express-rate-limit";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { LookupCache, type LookupTier } from "../services/lookup-cache";
import { eventually, testConnection, useRedisServer } from "../testing/redis-server";
import { createRateLimitStore } from "./rate-limit-store";
import { createRedisCacheTier } from "./redis-cache-tier";
import { createRedisCoalescer } from "./redis-coalescer";
import type { RedisConnection } from "./redis-connection";
import { createSharedLookupTier } from "./shared-lookup-tier";
import { createSharedUpstreamBudget } from "./shared-upstream-budget";

const redisServer = useRedisServer();
const open: RedisConnection[] = [];
let run = 0;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const connection = () => testConnection(redisServer().url, open);

/** One replica's lookup cache backed by the shared tier, as the link service builds it. */
async function replicaCache(prefix: string, ttlMs = 60_000) {
  const redis = await connection();
  const tier = createRedisCacheTier<{ n: number }>(redis, {
    prefix: `${prefix}links:`,
    ttlMs,
    staleMs: 60_000,
    maxEntryBytes: 10_000,
  });
  const shared = createSharedLookupTier(
    tier,
    createRedisCoalescer(redis, { prefix, lockMs: 5_000 }),
    {
      name: "links",
      staleOnError: (error) => error instanceof AppError && error.status >= 502,
    },
  );
  return {
    cache: new LookupCache<{ n: number }>({
      ttlMs,
      notFoundTtlMs: 0,
      staleKeepMs: 0,
      maxEntries: 100,
      maxBytes: 1_000_000,
      tier: shared as LookupTier<object>,
    }),
    tier,
    redis,
  };
}

describe("the shared cache tier", () => {
  it("stores with the cache's time to live plus the stale window, and skips oversized answers", async () => {
    const redis = await connection();
    const tier = createRedisCacheTier<{ s: string }>(redis, {
      prefix: "casegraph:test:tier:",
      ttlMs: 1_000,
      staleMs: 4_000,
      maxEntryBytes: 200,
    });
    await tier.set("small", { s: "x" });
    const entry = await tier.get("small");
    expect(entry?.value).toEqual({ s: "x" });
    expect(entry && entry.freshUntil - entry.storedAt).toBe(1_000);
    const pttl = await redis.run((c) => c.pttl("casegraph:test:tier:small"));
    expect(pttl).toBeGreaterThan(1_000);
    expect(pttl).toBeLessThanOrEqual(5_000);
    await tier.set("big", { s: "x".repeat(500) });
    expect(await tier.get("big")).toBeUndefined();
  });

  it("answers a replica's miss with what another replica read, for what is left of its life", async () => {
    const prefix = `casegraph:test:share${run++}:`;
    const a = await replicaCache(prefix);
    const b = await replicaCache(prefix);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await a.cache.get("CASE:1", load)).toEqual({ value: { n: 1 } });
    expect(await b.cache.get("CASE:1", load)).toEqual({ value: { n: 1 } });
    expect(loads).toBe(1);
  });

  it("coalesces simultaneous misses on several replicas into one upstream read", async () => {
    const prefix = `casegraph:test:coalesce${run++}:`;
    const group = await Promise.all([
      replicaCache(prefix),
      replicaCache(prefix),
      replicaCache(prefix),
    ]);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { n: loads };
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => group[i % 3]?.cache.get("CASE:2", load)),
    );
    expect(loads).toBe(1);
    expect(new Set(answers.map((a) => a?.value.n))).toEqual(new Set([1]));
  });

  it("answers with the stale entry when the upstream fails after the time to live", async () => {
    const prefix = `casegraph:test:stale${run++}:`;
    const a = await replicaCache(prefix, 50);
    const b = await replicaCache(prefix, 50);
    await a.cache.get("CASE:3", async () => ({ n: 1 }));
    await eventually(async () => {
      const entry = await a.tier.get("CASE:3");
      return entry !== undefined && entry.freshUntil < Date.now();
    }, "the entry is stale");
    const failing = async (): Promise<{ n: number }> => {
      throw new AppError(502, "upstream_error", "Datadog failed.");
    };
    expect(await b.cache.get("CASE:3", failing)).toMatchObject({ value: { n: 1 } });
    // Not found is an answer, not a failure: no stale stand-in for it.
    const missing = async (): Promise<{ n: number }> => {
      throw new AppError(404, "not_found", "Datadog has no case.");
    };
    await expect(b.cache.get("CASE:3", missing, { fresh: true })).rejects.toThrow("no case");
  });

  it("keeps answering from the upstream while Redis is down", async () => {
    const prefix = `casegraph:test:down${run++}:`;
    const a = await replicaCache(prefix);
    await redisServer().kill();
    await eventually(() => !a.redis.usable(), "Redis is seen as down");
    let loads = 0;
    expect(await a.cache.get("CASE:4", async () => ({ n: ++loads }))).toEqual({ value: { n: 1 } });
    await redisServer().restart();
  });
});

describe("the shared upstream budget", () => {
  it("a rate limit seen by one replica pauses the others until the reset", async () => {
    const prefix = `casegraph:test:budget${run++}:`;
    const seeing = createSharedUpstreamBudget(await connection(), { prefix });
    const other = createSharedUpstreamBudget(await connection(), { prefix });
    expect(other.pausedForMs()).toBe(0);
    seeing.observe(429, new Headers({ "x-ratelimit-reset": "3", "x-ratelimit-remaining": "0" }));
    await eventually(() => other.pausedForMs() > 2_000, "the other replica pauses");
    // A replica that starts later learns it from Redis.
    const later = createSharedUpstreamBudget(await connection(), { prefix });
    await eventually(() => later.pausedForMs() > 2_000, "a later replica pauses");
  });

  it("an answer with nothing remaining in its window pauses too; one with some left does not", async () => {
    const prefix = `casegraph:test:budget${run++}:`;
    const a = createSharedUpstreamBudget(await connection(), { prefix });
    a.observe(200, new Headers({ "x-ratelimit-reset": "2", "x-ratelimit-remaining": "5" }));
    expect(a.pausedForMs()).toBe(0);
    a.observe(200, new Headers({ "x-ratelimit-reset": "2", "x-ratelimit-remaining": "0" }));
    expect(a.pausedForMs()).toBeGreaterThan(1_000);
  });
});

describe("the per-client limit store", () => {
  async function limitedApp(prefix: string) {
    const redis = await connection();
    const app = express();
    app.use(rateLimit({ windowMs: 60_000, limit: 3, store: createRateLimitStore(redis, prefix) }));
    app.get("/", (_req, res) => {
      res.send("ok");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return { url: `http://127.0.0.1:${port}/`, close: () => server.close(), redis };
  }

  it("counts a client's requests across replicas, and per replica while Redis is down", async () => {
    const prefix = `casegraph:test:rl${run++}:`;
    const a = await limitedApp(prefix);
    const b = await limitedApp(prefix);
    try {
      const statuses = [];
      for (const url of [a.url, b.url, a.url, b.url]) statuses.push((await fetch(url)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);

      await redisServer().kill();
      await eventually(() => !a.redis.usable(), "Redis is seen as down");
      const local = [];
      for (let i = 0; i < 4; i++) local.push((await fetch(a.url)).status);
      expect(local).toEqual([200, 200, 200, 429]);

      await redisServer().restart();
      await eventually(() => a.redis.usable() && b.redis.usable(), "reconnected");
      // Redis restarted empty: counting starts again there, shared.
      const again = [];
      for (const url of [a.url, b.url, a.url, b.url]) again.push((await fetch(url)).status);
      expect(again).toEqual([200, 200, 200, 429]);
    } finally {
      a.close();
      b.close();
    }
  });
});
