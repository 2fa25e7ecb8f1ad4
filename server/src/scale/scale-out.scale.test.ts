import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateScenario, type RunningSimulator, startSimulator } from "../simulator";
import { eventually, type RedisServer, startRedisServer } from "../testing/redis-server";
import { type Replicas, startReplicas, viewerLookups } from "../testing/replicas";
import { TEST_KEYS } from "../testing/start-bff";

const VIEWERS = 20;
const REPLICAS = 3;

// Three real BFF processes (started like production) against one simulator and one Redis.
const { scenario } = generateScenario({ seed: 13, entities: 700, depth: 5 });
const ids = scenario.cases.map((c) => c.id);
/** Each test looks up entities no other test has, so caches warmed earlier do not count. */
const slices = {
  coalescing: ids.slice(0, 150),
  storm: ids.slice(150, 160),
  beforeOutage: ids.slice(160, 300),
  duringOutage: ids.slice(300, 400),
  afterRestart: ids.slice(400, 550),
};

let redis: RedisServer;
let sim: RunningSimulator;
let replicas: Replicas;

beforeAll(async () => {
  redis = await startRedisServer();
  // Some latency so that lookups of one entity from many viewers really overlap.
  sim = await startSimulator({ scenario, keys: TEST_KEYS, knobs: { latencyMs: 20 } });
  replicas = await startReplicas({
    count: REPLICAS,
    upstreamUrl: sim.url,
    keys: TEST_KEYS,
    redisUrl: redis.url,
    env: {
      CASEGRAPH_RATE_LIMIT_WAIT_MAX_S: "5",
      // On a machine this loaded (two cores, several test runs) a busy event loop can hold a
      // reply past the default 250 ms, which would count as a slow Redis and skip sharing.
      CASEGRAPH_REDIS_TIMEOUT_MS: "2000",
    },
  });
  await eventually(
    async () => (await readiness()).every((r) => r.redis === "ok"),
    "every replica shares",
  );
});

afterAll(async () => {
  await replicas?.stop();
  await sim?.close();
  await redis?.stop();
});

beforeEach(() => sim.clearRequests());

async function readiness() {
  return Promise.all(
    replicas.urls.map(async (url) => {
      const response = await fetch(`${url}/readyz`);
      const body = (await response.json()) as { status: string; redis?: string; degraded?: string };
      return { http: response.status, ...body };
    }),
  );
}

/** Upstream link calls per entity for the given ids (what Datadog bills). */
function linkCallsPerEntity(of: readonly string[]): number {
  const wanted = new Set(of);
  const calls = sim
    .requests()
    .filter((r) => r.path === "/api/v2/cases/link" && r.entityId && wanted.has(r.entityId)).length;
  return calls / of.length;
}

describe("three replicas sharing through Redis", () => {
  it("20 viewers' lookups spread round-robin over three replicas cost one upstream call per entity", async () => {
    const load = await viewerLookups(replicas.next, slices.coalescing, {
      viewers: VIEWERS,
      chunk: 25,
    });
    expect(load.failed).toEqual([]);
    expect(load.answered).toBe(VIEWERS * slices.coalescing.length * 2);
    expect(linkCallsPerEntity(slices.coalescing)).toBeLessThanOrEqual(1.05);
  });

  it("a 429 storm seen by one replica makes the others wait for the reset instead of calling", async () => {
    const [first, ...others] = slices.storm;
    const [a, b, c] = replicas.urls;
    if (!first || !a || !b || !c) throw new Error("setup");
    const listener = new Redis(redis.url);
    const announced = new Promise<void>((resolve) => {
      listener.on("message", () => resolve());
    });
    await listener.subscribe("casegraph:upstream:pause");
    try {
      sim.setKnobs({ faults: { [first]: "rate_limited" }, faultResetSec: 2 });
      const limited = fetch(`${a}/api/links?entity_type=CASE&entity_id=${first}`);
      await announced;
      const storm = sim.requests().find((r) => r.entityId === first && r.status === 429);
      if (!storm) throw new Error("the simulator answered no 429");
      sim.setKnobs({ faults: {} });
      // Other replicas, other entities: nothing they asked for was rate limited itself.
      const answers = await Promise.all(
        others.map((id, i) =>
          fetch(`${i % 2 ? b : c}/api/links?entity_type=CASE&entity_id=${id}`).then(
            (r) => r.status,
          ),
        ),
      );
      expect(answers).toEqual(others.map(() => 200));
      expect((await limited).status).toBe(200);
      const stormAt = Date.parse(storm.at);
      const othersCalls = sim.requests().filter((r) => r.entityId && others.includes(r.entityId));
      expect(othersCalls.map((r) => r.status)).toEqual(others.map(() => 200));
      // Each of those calls reached the upstream only once the reset the 429 named was over.
      for (const call of othersCalls)
        expect(Date.parse(call.at) - stormAt).toBeGreaterThanOrEqual(1_900);
    } finally {
      listener.disconnect();
    }
  });

  it("Redis killed mid-run: no failed answer, /readyz degraded but ready, and sharing resumes after a restart", async () => {
    const before = await viewerLookups(replicas.next, slices.beforeOutage, {
      viewers: 4,
      chunk: 20,
    });
    expect(before.failed).toEqual([]);

    // Kill Redis while viewers are mid-way through their lookups.
    const during = viewerLookups(replicas.next, slices.duringOutage, {
      viewers: VIEWERS,
      chunk: 10,
    });
    await eventually(
      () => sim.requests().some((r) => r.entityId && slices.duringOutage.includes(r.entityId)),
      "lookups are under way",
    );
    await redis.kill();
    const load = await during;
    expect(load.failed).toEqual([]);
    expect(load.answered).toBe(VIEWERS * slices.duringOutage.length * 2);
    // What a replica had cached before still answers, from its own memory.
    const cached = await viewerLookups(replicas.next, slices.beforeOutage, {
      viewers: 3,
      chunk: 50,
    });
    expect(cached.failed).toEqual([]);

    await eventually(
      async () => (await readiness()).every((r) => r.degraded === "redis"),
      "every replica says it is degraded",
    );
    for (const ready of await readiness()) {
      expect(ready).toMatchObject({
        http: 200,
        status: "ready",
        redis: "degraded",
        degraded: "redis",
      });
    }
    for (const server of replicas.servers) {
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.includes("redis is unavailable"));
      expect(lines).toHaveLength(1);
    }

    await redis.restart();
    await eventually(
      async () => (await readiness()).every((r) => r.redis === "ok"),
      "every replica shares again",
    );
    sim.clearRequests();
    const after = await viewerLookups(replicas.next, slices.afterRestart, {
      viewers: VIEWERS,
      chunk: 25,
    });
    expect(after.failed).toEqual([]);
    expect(linkCallsPerEntity(slices.afterRestart)).toBeLessThanOrEqual(1.05);
    for (const server of replicas.servers) expect(server.output()).toContain("redis is back");
  });
});
