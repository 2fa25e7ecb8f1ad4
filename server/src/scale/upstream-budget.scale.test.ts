import { beforeEach, describe, expect, it } from "vitest";
import { generateScenario } from "../simulator";
import { eventually } from "../testing/redis-server";
import { viewerLookups } from "../testing/replicas";
import { readinessOf, useSharedReplicas } from "./shared-replicas";

const REPLICAS = 3;
/** The upstream calls the org allows in flight at once, across every replica. */
const CONCURRENCY = 4;

// Three real BFF processes (started like production) against one simulator and one Redis.
const { scenario } = generateScenario({ seed: 31, entities: 700, depth: 5 });
const ids = scenario.cases.map((c) => c.id);
/** Each test looks up entities no other test has, so caches warmed earlier do not count. */
const slices = {
  concurrency: ids.slice(0, 200),
  quotaFirst: ids.slice(200, 203),
  quota: ids.slice(203, 290),
  outage: ids.slice(300, 420),
};

const stack = useSharedReplicas({
  count: REPLICAS,
  scenario,
  latencyMs: 30,
  env: {
    CASEGRAPH_UPSTREAM_CONCURRENCY: String(CONCURRENCY),
    // Few slots for much work: lookups wait their turn rather than being refused as busy.
    CASEGRAPH_QUEUE_WAIT_MAX_MS: "60000",
    CASEGRAPH_CLIENT_QUOTA_SHARE: "50",
  },
});

beforeEach(() => {
  stack.sim.clearRequests();
  stack.sim.resetStats();
});

/** Each replica's Redis state: `ok` or `degraded`. */
const readiness = async () => (await readinessOf(stack.replicas)).map((r) => r.redis);

const linkCalls = (of: readonly string[]) => {
  const wanted = new Set(of);
  return stack.sim
    .requests()
    .filter((r) => r.path === "/api/v2/cases/link" && r.entityId && wanted.has(r.entityId));
};

describe("three replicas sharing the org's upstream budget through Redis", () => {
  it("never have more upstream calls in flight together than the configured concurrency", async () => {
    const load = await viewerLookups(stack.replicas.next, slices.concurrency, {
      viewers: 20,
      chunk: 25,
    });
    expect(load.failed).toEqual([]);
    expect(load.answered).toBe(20 * slices.concurrency.length * 2);
    const { maxInFlight } = stack.sim.stats();
    // Each replica alone may have CONCURRENCY calls out: unshared, three would reach three times it.
    expect(maxInFlight.all).toBeLessThanOrEqual(CONCURRENCY);
    expect(maxInFlight.links).toBeGreaterThan(0);
  });

  it("Redis killed: answers still flow, each replica on its own slots", async () => {
    const during = viewerLookups(stack.replicas.next, slices.outage, { viewers: 10, chunk: 10 });
    await eventually(() => linkCalls(slices.outage).length > 0, "lookups are under way");
    await stack.redis.kill();
    const load = await during;
    expect(load.failed).toEqual([]);
    expect(load.answered).toBe(10 * slices.outage.length * 2);
    await eventually(
      async () => (await readiness()).every((r) => r === "degraded"),
      "every replica says it is degraded",
    );
    // On its own each replica keeps to its own slots.
    expect(stack.sim.stats().maxInFlight.all).toBeLessThanOrEqual(CONCURRENCY * REPLICAS);

    await stack.redis.restart();
    await eventually(
      async () => (await readiness()).every((r) => r === "ok"),
      "every replica shares again",
    );
  });

  // Last: the client's share stays spent until the window ends, two minutes away.
  it("let one client spend its share of the org's quota window across all of them, not once per replica", async () => {
    // 60 link calls a window, a client's share 50 %: 30 for the one address all viewers share.
    stack.sim.setKnobs({ rateLimit: { limit: 60, periodSec: 120 } });
    try {
      // One call through each replica, one after the other, starts the window and shows it to
      // each (they went before their replica knew this window, so they count in the last one).
      const first = await viewerLookups(stack.replicas.next, slices.quotaFirst, {
        viewers: 1,
        chunk: 1,
      });
      expect(first.failed).toEqual([]);
      const load = await viewerLookups(stack.replicas.next, slices.quota, {
        viewers: 3,
        chunk: 10,
      });
      const spent = linkCalls([...slices.quotaFirst, ...slices.quota]);
      // Unshared, each replica would allow 30: the org's 60 would go.
      expect(spent.length).toBeLessThanOrEqual(slices.quotaFirst.length + 30);
      expect(spent.every((r) => r.status === 200)).toBe(true);
      // The rest were refused for the share, on every replica, rather than sent into 429s.
      const refusedBy = new Set(
        load.failed
          .filter((f) => f.endsWith(" upstream_rate_limited"))
          .map((f) => f.split(": ")[0]),
      );
      expect(load.failed.filter((f) => !f.endsWith(" upstream_rate_limited"))).toEqual([]);
      expect(refusedBy).toEqual(new Set(stack.replicas.urls));
    } finally {
      stack.sim.setKnobs({ rateLimit: null });
    }
  });
});
