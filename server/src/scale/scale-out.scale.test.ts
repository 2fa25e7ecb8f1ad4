import { Redis } from "ioredis";
import { beforeEach, describe, expect, it } from "vitest";
import { generateScenario } from "../simulator";
import { eventually } from "../testing/redis-server";
import { viewerLookups } from "../testing/replicas";
import { readinessOf, useSharedReplicas } from "./shared-replicas";

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

const stack = useSharedReplicas({
  count: REPLICAS,
  scenario,
  latencyMs: 20,
  env: { CASEGRAPH_RATE_LIMIT_WAIT_MAX_S: "5" },
});
beforeEach(() => stack.sim.clearRequests());

const readiness = () => readinessOf(stack.replicas);

/** Upstream link calls per entity for the given ids (what Datadog bills). */
function linkCallsPerEntity(of: readonly string[]): number {
  const wanted = new Set(of);
  const calls = stack.sim
    .requests()
    .filter((r) => r.path === "/api/v2/cases/link" && r.entityId && wanted.has(r.entityId)).length;
  return calls / of.length;
}

describe("three replicas sharing through Redis", () => {
  it("20 viewers' lookups spread round-robin over three replicas cost one upstream call per entity", async () => {
    const load = await viewerLookups(stack.replicas.next, slices.coalescing, {
      viewers: VIEWERS,
      chunk: 25,
    });
    expect(load.failed).toEqual([]);
    expect(load.answered).toBe(VIEWERS * slices.coalescing.length * 2);
    expect(linkCallsPerEntity(slices.coalescing)).toBeLessThanOrEqual(1.05);
  });

  it("a 429 storm seen by one replica makes the others wait for the reset instead of calling", async () => {
    const [first, ...others] = slices.storm;
    const [a, b, c] = stack.replicas.urls;
    if (!first || !a || !b || !c) throw new Error("setup");
    const listener = new Redis(stack.redis.url);
    const announced = new Promise<void>((resolve) => {
      listener.on("message", () => resolve());
    });
    await listener.subscribe("casegraph:upstream:pause");
    try {
      stack.sim.setKnobs({ faults: { [first]: "rate_limited" }, faultResetSec: 2 });
      const limited = fetch(`${a}/api/links?entity_type=CASE&entity_id=${first}`);
      await announced;
      const storm = stack.sim.requests().find((r) => r.entityId === first && r.status === 429);
      if (!storm) throw new Error("the simulator answered no 429");
      stack.sim.setKnobs({ faults: {} });
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
      const othersCalls = stack.sim
        .requests()
        .filter((r) => r.entityId && others.includes(r.entityId));
      expect(othersCalls.map((r) => r.status)).toEqual(others.map(() => 200));
      // Each of those calls reached the upstream only once the reset the 429 named was over.
      for (const call of othersCalls)
        expect(Date.parse(call.at) - stormAt).toBeGreaterThanOrEqual(1_900);
    } finally {
      listener.disconnect();
    }
  });

  it("Redis killed mid-run: no failed answer, /readyz degraded but ready, and sharing resumes after a restart", async () => {
    const before = await viewerLookups(stack.replicas.next, slices.beforeOutage, {
      viewers: 4,
      chunk: 20,
    });
    expect(before.failed).toEqual([]);

    // Kill Redis while viewers are mid-way through their lookups.
    const during = viewerLookups(stack.replicas.next, slices.duringOutage, {
      viewers: VIEWERS,
      chunk: 10,
    });
    await eventually(
      () =>
        stack.sim.requests().some((r) => r.entityId && slices.duringOutage.includes(r.entityId)),
      "lookups are under way",
    );
    // One outage, one line: a replica that flapped under load before the kill said so then.
    const outputAtKill = stack.replicas.servers.map((server) => server.output().length);
    await stack.redis.kill();
    const load = await during;
    expect(load.failed).toEqual([]);
    expect(load.answered).toBe(VIEWERS * slices.duringOutage.length * 2);
    // What a replica had cached before still answers, from its own memory.
    const cached = await viewerLookups(stack.replicas.next, slices.beforeOutage, {
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
    stack.replicas.servers.forEach((server, i) => {
      const count = (text: string, phrase: string) =>
        text.split("\n").filter((l) => l.includes(phrase)).length;
      const all = server.output();
      // One line per change of state, never one per failed command: at most one since the kill,
      // and every earlier "unavailable" (a flap under load) was followed by its "back".
      expect(count(all.slice(outputAtKill[i]), "redis is unavailable")).toBeLessThanOrEqual(1);
      expect(count(all, "redis is unavailable")).toBe(count(all, "redis is back") + 1);
    });

    await stack.redis.restart();
    await eventually(
      async () => (await readiness()).every((r) => r.redis === "ok"),
      "every replica shares again",
    );
    stack.sim.clearRequests();
    const after = await viewerLookups(stack.replicas.next, slices.afterRestart, {
      viewers: VIEWERS,
      chunk: 25,
    });
    expect(after.failed).toEqual([]);
    expect(linkCallsPerEntity(slices.afterRestart)).toBeLessThanOrEqual(1.05);
    for (const server of stack.replicas.servers) expect(server.output()).toContain("redis is back");
  });
});
