import { describe, expect, it } from "vitest";
import {
  eventually,
  startRedisServer,
  useRedisServer,
  useTestConnections,
} from "../testing/redis-server";
import { createOrgQuota } from "../upstream/org-quota";
import { createSharedQuotaCount } from "./shared-quota-count";

const connect = useTestConnections(useRedisServer());
let run = 0;

const headers = (limit: number, remaining: number, resetSec: number) =>
  new Headers({
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": String(resetSec),
  });

/** One replica's view of the org's quota, its count shared through `url`'s Redis. */
async function replicaQuota(prefix: string, url?: string) {
  const redis = await connect(url);
  return {
    redis,
    quota: createOrgQuota({ clientShare: 0.5, shared: createSharedQuotaCount(redis, { prefix }) }),
  };
}

describe("the org's quota counted across replicas", () => {
  it("three replicas together let one client spend its share of a window, not three times it", async () => {
    const prefix = `casegraph:test:quota${run++}:`;
    const [a, b, c] = await Promise.all([
      replicaQuota(prefix),
      replicaQuota(prefix),
      replicaQuota(prefix),
    ]);
    if (!a || !b || !c) throw new Error("setup");
    // Only the first replica has had an answer in this window (limit 20: a share of 10).
    expect(await a.quota.check("cases_link_read", "flooder")).toBeUndefined();
    a.quota.observe("cases_link_read", "flooder", headers(20, 19, 30));
    const verdicts = [];
    for (let i = 0; i < 30; i++) {
      const replica = [a, b, c][i % 3];
      verdicts.push(await replica?.quota.check("cases_link_read", "flooder"));
    }
    // Counted from when the window is known: ten calls, spread over the replicas, then no more.
    expect(verdicts.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => undefined));
    expect(verdicts.slice(10)).toEqual(
      Array.from({ length: 20 }, () => ({ refuseSec: expect.any(Number) })),
    );
    // Another client has its own share, on any replica.
    expect(await b.quota.check("cases_link_read", "person")).toBeUndefined();
    // The count ends with the window.
    const [counted] =
      (await a.redis.run((r) => r.keys(`${prefix}quota:cases_link_read:used:*`))) ?? [];
    const ttl = counted ? await a.redis.run((r) => r.pttl(counted)) : undefined;
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it("counts again from zero in the next window, even one of another size", async () => {
    const prefix = `casegraph:test:quota${run++}:`;
    const a = await replicaQuota(prefix);
    const b = await replicaQuota(prefix);
    a.quota.observe("cases_read", "flooder", headers(1_000, 999, 60));
    for (let i = 0; i < 5; i++)
      expect(await b.quota.check("cases_read", "flooder")).toBeUndefined();
    // The org's limit changes: a new window of 4, a share of 2 for this client.
    a.quota.observe("cases_read", "flooder", headers(4, 3, 30));
    b.quota.observe("cases_read", "flooder", headers(4, 2, 30));
    await eventually(
      async () =>
        (await a.redis.run((r) => r.get(`${prefix}quota:cases_read:window`)))?.startsWith("4 ") ===
        true,
      "the new window is named",
    );
    const verdicts = [];
    for (const replica of [a, b, a, b])
      verdicts.push(await replica.quota.check("cases_read", "flooder"));
    expect(verdicts).toEqual([undefined, undefined, { refuseSec: 30 }, { refuseSec: 30 }]);
  });

  it("counts on each replica alone when Redis goes away, never failing a check", async () => {
    const own = await startRedisServer();
    try {
      const prefix = `casegraph:test:quota${run++}:`;
      const a = await replicaQuota(prefix, own.url);
      const b = await replicaQuota(prefix, own.url);
      a.quota.observe("cases_read", "flooder", headers(4, 3, 30));
      b.quota.observe("cases_read", "flooder", headers(4, 2, 30));
      await own.kill();
      // Each replica has counted one call of the share of 2: one more goes on each.
      expect(await a.quota.check("cases_read", "flooder")).toBeUndefined();
      a.quota.observe("cases_read", "flooder", headers(4, 1, 30));
      expect(await a.quota.check("cases_read", "flooder")).toEqual({ refuseSec: 30 });
      expect(await b.quota.check("cases_read", "flooder")).toBeUndefined();
    } finally {
      await own.stop();
    }
  });
});
