import { afterEach, describe, expect, it } from "vitest";
import { eventually, testConnection, useRedisServer } from "../testing/redis-server";
import { createMemoryLookupBudget } from "../upstream/lookup-budget";
import type { RedisConnection } from "./redis-connection";
import { createRedisLookupBudget } from "./redis-lookup-budget";

const redisServer = useRedisServer();
const open: RedisConnection[] = [];
let run = 0;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** Two replicas' budgets of `perMinute` sharing one Redis; the clock is 15 s into a window. */
async function replicas(perMinute: number) {
  const prefix = `casegraph:test:budget${run++}:`;
  const now = () => 60_000 * 1_000_000 + 15_000;
  const budget = async () =>
    createRedisLookupBudget(await testConnection(redisServer().url, open), {
      prefix,
      perMinute,
      local: createMemoryLookupBudget(perMinute, now),
      now,
    });
  return { a: await budget(), b: await budget() };
}

describe("createRedisLookupBudget", () => {
  it("lookups spent through one replica count on the other", async () => {
    const { a, b } = await replicas(3);
    expect(await a.take("client-1")).toEqual({ ok: true });
    expect(await a.take("client-1")).toEqual({ ok: true });
    expect(await b.take("client-1")).toEqual({ ok: true });
    // The window ends 45 s from now.
    expect(await b.take("client-1")).toEqual({ ok: false, retryAfterSec: 45 });
    expect(await a.take("client-1")).toEqual({ ok: false, retryAfterSec: 45 });
    // Another client has its own budget.
    expect(await b.take("client-2")).toEqual({ ok: true });
  });

  it("falls back to the replica's own budget while Redis is away, and shares again after", async () => {
    const { a, b } = await replicas(2);
    await redisServer().kill();
    await eventually(() => !open.some((c) => c.usable()), "Redis is seen as down");
    // Each replica counts alone: the budget holds per replica instead of not at all.
    expect(await a.take("client-1")).toEqual({ ok: true });
    expect(await a.take("client-1")).toEqual({ ok: true });
    expect(await a.take("client-1")).toMatchObject({ ok: false });
    expect(await b.take("client-1")).toEqual({ ok: true });

    await redisServer().restart();
    await eventually(() => open.every((c) => c.usable()), "reconnected");
    expect(await a.take("client-3")).toEqual({ ok: true });
    expect(await b.take("client-3")).toEqual({ ok: true });
    expect(await a.take("client-3")).toMatchObject({ ok: false });
  });
});
