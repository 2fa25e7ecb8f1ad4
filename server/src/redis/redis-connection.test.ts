import { afterEach, describe, expect, it } from "vitest";
import { eventually, memoryLogger, useRedisServer } from "../testing/redis-server";
import { connectRedis, type RedisConnection } from "./redis-connection";

const redisServer = useRedisServer();
const open: RedisConnection[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function connect(logger = memoryLogger().logger) {
  const connection = connectRedis({
    url: redisServer().url,
    commandTimeoutMs: 50,
    logger,
    backoffMs: 100,
  });
  open.push(connection);
  return connection;
}

describe("connectRedis", () => {
  it("runs commands while Redis is up", async () => {
    const redis = connect();
    await eventually(() => redis.usable(), "connected");
    expect(await redis.run((c) => c.set("casegraph:test:a", "1"))).toBe("OK");
    expect(await redis.run((c) => c.get("casegraph:test:a"))).toBe("1");
    expect(redis.health()).toBe("ok");
  });

  it("answers undefined at once while Redis is down, says so once, and resumes by itself", async () => {
    const { logger, lines } = memoryLogger();
    const redis = connect(logger);
    await eventually(() => redis.usable(), "connected");
    let toldUnusable = 0;
    redis.onUnusable(() => toldUnusable++);

    await redisServer().kill();
    await eventually(() => !redis.usable(), "Redis is seen as down");
    for (let i = 0; i < 20; i++)
      expect(await redis.run((c) => c.get("casegraph:test:a"))).toBe(undefined);
    expect(redis.health()).toBe("degraded");
    expect(toldUnusable).toBe(1);

    await redisServer().restart();
    await eventually(() => redis.usable(), "reconnected");
    expect(await redis.run((c) => c.set("casegraph:test:b", "2"))).toBe("OK");
    const unavailable = lines.filter((l) => l.includes("redis is unavailable"));
    const back = lines.filter((l) => l.includes("redis is back"));
    expect(unavailable).toHaveLength(1);
    expect(back).toHaveLength(1);
  });

  it("delivers messages on a channel again after Redis restarts", async () => {
    const a = connect();
    const b = connect();
    const received: string[] = [];
    b.subscribe("casegraph:test:channel", (m) => received.push(m));
    await eventually(() => a.usable() && b.usable(), "both connected");
    await a.publish("casegraph:test:channel", "one");
    await eventually(() => received.includes("one"), "first message arrives");

    await redisServer().restart();
    await eventually(() => a.usable() && b.usable(), "both reconnected");
    await a.publish("casegraph:test:channel", "two");
    await eventually(() => received.includes("two"), "message after the restart arrives");
  });

  it("never waits past its command timeout for a Redis that stopped answering", async () => {
    const redis = connect();
    await eventually(() => redis.usable(), "connected");
    // CLIENT PAUSE holds every client's commands, like a stalled Redis; ours must not wait.
    const blocker = connect();
    await eventually(() => blocker.usable(), "second connection");
    expect(await blocker.run((c) => c.call("CLIENT", "PAUSE", "1500", "ALL"))).toBe("OK");
    const answer = await redis.run((c) => c.get("casegraph:test:a"));
    expect(answer).toBe(undefined);
    // Still nothing answering after the backoff: Redis is left alone, and says so.
    await eventually(async () => {
      await redis.run((c) => c.get("casegraph:test:a"));
      return redis.health() === "degraded";
    }, "the stalled Redis is seen as degraded");
    await eventually(
      async () => (await redis.run((c) => c.set("casegraph:test:c", "3"))) === "OK",
      "Redis answers again after the pause",
    );
  });
});
