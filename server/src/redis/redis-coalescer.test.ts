import { afterEach, describe, expect, it } from "vitest";
import { eventually, testConnection, useRedisServer } from "../testing/redis-server";
import { createRedisCoalescer, type RedisCoalescer } from "./redis-coalescer";
import type { RedisConnection } from "./redis-connection";

const redisServer = useRedisServer();
const open: RedisConnection[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** One coalescer per simulated replica, each with its own connections. */
async function replicas(count: number, lockMs = 60_000): Promise<RedisCoalescer[]> {
  const made: RedisCoalescer[] = [];
  for (let i = 0; i < count; i++) {
    const connection = await testConnection(redisServer().url, open);
    made.push(createRedisCoalescer(connection, { prefix: `casegraph:test:${lockMs}:`, lockMs }));
  }
  return made;
}

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("createRedisCoalescer", () => {
  it("one upstream read for lookups of one key from three replicas", async () => {
    const group = await replicas(3);
    let loads = 0;
    const release = gate();
    const lookup = {
      load: async () => {
        loads++;
        await release.opened;
        return "answer";
      },
      recheck: async () => undefined,
    };
    const answers = Promise.all(group.map((c) => c.run("links:CASE:b", lookup)));
    await eventually(() => group.reduce((n, c) => n + c.waiting(), 0) === 2, "two replicas wait");
    release.open();
    expect(await answers).toEqual(["answer", "answer", "answer"]);
    expect(loads).toBe(1);
  });

  it("a waiter reads the upstream itself when the holder fails", async () => {
    const [first, second] = await replicas(2);
    const release = gate();
    const failing = first?.run("links:CASE:c", {
      load: async () => {
        await release.opened;
        throw new Error("upstream failed");
      },
      recheck: async () => undefined,
    });
    await eventually(
      async () =>
        (await open[0]?.run((c) => c.exists("casegraph:test:60000:lock:links:CASE:c"))) === 1,
      "the lock is taken",
    );
    const waiting = second?.run("links:CASE:c", {
      load: async () => "own answer",
      recheck: async () => undefined,
    });
    await eventually(() => second?.waiting() === 1, "the second replica waits");
    release.open();
    await expect(failing).rejects.toThrow("upstream failed");
    expect(await waiting).toBe("own answer");
  });

  it("a replica that takes a lock another just released takes that one's stored answer, not the upstream", async () => {
    const [first, second] = await replicas(2);
    let stored: string | undefined;
    let loads = 0;
    const lookup = {
      load: async () => {
        loads++;
        stored = "answer";
        return "answer";
      },
      recheck: async () => stored,
    };
    // One after the other: the second finds the lock free, the answer already stored.
    expect(await first?.run("links:CASE:late", lookup)).toBe("answer");
    expect(await second?.run("links:CASE:late", lookup)).toBe("answer");
    expect(loads).toBe(1);
  });

  it("a waiter takes an answer finished just before it listened", async () => {
    const [first, second] = await replicas(2);
    const release = gate();
    const holding = first?.run("links:CASE:d", {
      load: async () => {
        await release.opened;
        return "shared";
      },
      recheck: async () => undefined,
    });
    await eventually(
      async () =>
        (await open[0]?.run((c) => c.exists("casegraph:test:60000:lock:links:CASE:d"))) === 1,
      "the lock is taken",
    );
    let ownLoads = 0;
    const answer = await second?.run("links:CASE:d", {
      load: async () => {
        ownLoads++;
        return "own";
      },
      // The stored answer is found on the recheck that follows a lost race for the lock.
      recheck: async () => "stored",
    });
    release.open();
    await holding;
    expect(answer).toBe("stored");
    expect(ownLoads).toBe(0);
  });

  it("waiters stop waiting as soon as Redis goes away, and read the upstream themselves", async () => {
    // The lock would hold a minute: an answer within the test's timeout proves nobody waited it out.
    const [first, second] = await replicas(2, 60_000);
    const never = gate();
    void first?.run("links:CASE:e", {
      load: () => never.opened.then(() => "late"),
      recheck: async () => undefined,
    });
    await eventually(
      async () =>
        (await open[0]?.run((c) => c.exists("casegraph:test:60000:lock:links:CASE:e"))) === 1,
      "the lock is taken",
    );
    const waiting = second?.run("links:CASE:e", {
      load: async () => "own",
      recheck: async () => undefined,
    });
    await eventually(() => second?.waiting() === 1, "the second replica waits");
    await redisServer().kill();
    expect(await waiting).toBe("own");
    never.open();
    await redisServer().restart();
  });

  it("a waiter reads the upstream itself once the lock of a vanished holder runs out", async () => {
    const [first, second] = await replicas(2, 300);
    const never = gate();
    void first?.run("links:CASE:f", {
      load: () => never.opened.then(() => "late"),
      recheck: async () => undefined,
    });
    await eventually(
      async () =>
        (await open[0]?.run((c) => c.exists("casegraph:test:300:lock:links:CASE:f"))) === 1,
      "the lock is taken",
    );
    expect(
      await second?.run("links:CASE:f", {
        load: async () => "own",
        recheck: async () => undefined,
      }),
    ).toBe("own");
    never.open();
  });
});
