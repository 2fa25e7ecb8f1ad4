import { describe, expect, it } from "vitest";
import {
  eventually,
  startRedisServer,
  useRedisServer,
  useTestConnections,
} from "../testing/redis-server";
import { FairGate } from "../upstream/fair-gate";
import { createSharedUpstreamSlots, sharedSlotsKey } from "./shared-upstream-slots";

const connect = useTestConnections(useRedisServer());
let run = 0;

/** One replica's gate: its own fair queue, the slots shared through `url`'s Redis. */
async function replica(
  prefix: string,
  limit: number,
  options: { leaseMs?: number; url?: string } = {},
) {
  const redis = await connect(options.url);
  const shared = createSharedUpstreamSlots(redis, {
    prefix,
    limit,
    leaseMs: options.leaseMs ?? 30_000,
  });
  return {
    redis,
    shared,
    gate: new FairGate({
      concurrency: limit,
      queueMaxPerClient: 1_000,
      startWithinMs: 20_000,
      shared,
    }),
  };
}

/** A task whose end the test decides. */
function held() {
  let end: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    end = resolve;
  });
  return { end, done };
}

/** Two replicas sharing one slot, which the first holds until the test ends its call. */
async function oneSlotHeldByA(prefix: string) {
  const a = await replica(prefix, 1);
  const b = await replica(prefix, 1);
  const holder = held();
  const holding = a.gate.run("a", Date.now(), undefined, () => holder.done);
  await eventually(
    async () => (await a.redis.run((c) => c.zcard(sharedSlotsKey(prefix)))) === 1,
    "a holds the slot",
  );
  return { b, holder, holding };
}

describe("upstream slots shared through Redis", () => {
  it("three replicas together never have more calls in flight than the shared limit", async () => {
    const prefix = `casegraph:test:slots${run++}:`;
    const replicas = await Promise.all([
      replica(prefix, 3),
      replica(prefix, 3),
      replica(prefix, 3),
    ]);
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return "answered";
    };
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        replicas[i % 3]?.gate.run(`client-${i % 4}`, Date.now(), undefined, call),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 60 }, () => "answered"));
    // Each replica alone would allow 3: without sharing they would reach 9 together.
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(0);
  });

  it("a lookup that cannot get a shared slot within its deadline is refused as busy", async () => {
    const prefix = `casegraph:test:slots${run++}:`;
    const { b, holder, holding } = await oneSlotHeldByA(prefix);
    const gate = new FairGate({
      concurrency: 1,
      queueMaxPerClient: 10,
      startWithinMs: 150,
      shared: b.shared,
    });
    await expect(gate.run("b", Date.now(), undefined, async () => "ran")).rejects.toMatchObject({
      kind: "busy",
    });
    holder.end();
    await holding;
    // The slot is free again once released: the next lookup goes.
    expect(await gate.run("b", Date.now(), undefined, async () => "ran")).toBe("ran");
  });

  it("a hang-up while waiting for a shared slot leaves the queue and holds no slot", async () => {
    const prefix = `casegraph:test:slots${run++}:`;
    const { b, holder, holding } = await oneSlotHeldByA(prefix);
    const hangUp = new AbortController();
    const waiting = b.gate.run("b", Date.now(), hangUp.signal, async () => "ran");
    hangUp.abort(new Error("hung up"));
    await expect(waiting).rejects.toThrow("hung up");
    holder.end();
    await holding;
    await eventually(
      async () => (await b.redis.run((c) => c.zcard(sharedSlotsKey(prefix)))) === 0,
      "no slot is held",
    );
    expect(await b.gate.run("b", Date.now(), undefined, async () => "ran")).toBe("ran");
  });

  it("a replica that dies holding a slot frees it when its lease expires", async () => {
    const prefix = `casegraph:test:slots${run++}:`;
    const dying = await replica(prefix, 1, { leaseMs: 300 });
    const survivor = await replica(prefix, 1, { leaseMs: 300 });
    const never = held();
    void dying.gate.run("a", Date.now(), undefined, () => never.done).catch(() => {});
    await eventually(
      async () => (await survivor.redis.run((c) => c.zcard(sharedSlotsKey(prefix)))) === 1,
      "the slot is taken",
    );
    // The process is gone: its connection closes without a release.
    await dying.redis.close();
    expect(await survivor.gate.run("b", Date.now(), undefined, async () => "ran")).toBe("ran");
    never.end();
  });

  it("goes on local slots at once when Redis is unreachable or goes away, without failing", async () => {
    const own = await startRedisServer();
    try {
      const prefix = `casegraph:test:slots${run++}:`;
      const a = await replica(prefix, 1, { url: own.url });
      const holder = held();
      const holding = a.gate.run("a", Date.now(), undefined, () => holder.done);
      const other = await replica(prefix, 1, { url: own.url });
      await eventually(
        async () => (await other.redis.run((c) => c.zcard(sharedSlotsKey(prefix)))) === 1,
        "the slot is taken",
      );
      // Waiting for the slot a holds on the other replica ...
      const waiting = other.gate.run("b", Date.now(), undefined, async () => "ran");
      await own.kill();
      // ... goes on its own slot once Redis is gone, and so does every later lookup.
      expect(await waiting).toBe("ran");
      expect(await other.gate.run("b", Date.now(), undefined, async () => "ran again")).toBe(
        "ran again",
      );
      holder.end();
      await holding;
    } finally {
      await own.stop();
    }
  });
});
