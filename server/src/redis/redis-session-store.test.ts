import type { SessionData } from "express-session";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, testConnection, useRedisServer } from "../testing/redis-server";
import type { RedisConnection } from "./redis-connection";
import { RedisSessionStore } from "./redis-session-store";

const redisServer = useRedisServer();
const open: RedisConnection[] = [];
let run = 0;

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

type Signed = SessionData & { who?: string };

const sessionOf = (who: string): Signed =>
  ({ cookie: { originalMaxAge: 60_000, maxAge: 60_000 }, who }) as unknown as Signed;

/** Two replicas' stores sharing one Redis, as two BFF processes build them. */
async function replicas() {
  const prefix = `casegraph:test:sess${run++}:`;
  const store = async () =>
    new RedisSessionStore(await testConnection(redisServer().url, open), {
      prefix,
      maxSessions: 100,
      ttlMs: 60_000,
    });
  return { a: await store(), b: await store(), connection: open[0] as RedisConnection, prefix };
}

const get = (store: RedisSessionStore, sid: string) =>
  new Promise<Signed | null>((resolve, reject) =>
    store.get(sid, (err, data) => (err ? reject(err) : resolve((data ?? null) as Signed | null))),
  );
const set = (store: RedisSessionStore, sid: string, data: Signed) =>
  new Promise<void>((resolve) => store.set(sid, data, () => resolve()));
const destroy = (store: RedisSessionStore, sid: string) =>
  new Promise<void>((resolve) => store.destroy(sid, () => resolve()));

describe("RedisSessionStore", () => {
  it("a session written through one replica is read by another, with the session's max age", async () => {
    const { a, b, connection, prefix } = await replicas();
    await set(a, "s1", sessionOf("ada"));
    expect((await get(b, "s1"))?.who).toBe("ada");
    const ttl = await connection.run((c) => c.pttl(`${prefix}s1`));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await get(b, "unknown")).toBeNull();
  });

  it("signing out on one replica signs out on the others, even those holding a copy", async () => {
    const { a, b } = await replicas();
    await set(a, "s2", sessionOf("ada"));
    expect((await get(b, "s2"))?.who).toBe("ada");
    await destroy(a, "s2");
    expect(await get(b, "s2")).toBeNull();
    expect(await get(a, "s2")).toBeNull();
  });

  it("keeps answering from the replica's copy while Redis is stopped, and shares what was written meanwhile", async () => {
    const { a, b } = await replicas();
    await set(a, "known", sessionOf("ada"));
    // B read it once, so B holds a copy too.
    expect((await get(b, "known"))?.who).toBe("ada");

    await redisServer().kill();
    await eventually(() => !open.some((c) => c.usable()), "Redis is seen as down");
    expect((await get(a, "known"))?.who).toBe("ada");
    expect((await get(b, "known"))?.who).toBe("ada");
    // Signed in through A while Redis is away: A knows it, B cannot yet.
    await set(a, "during", sessionOf("grace"));
    expect((await get(a, "during"))?.who).toBe("grace");
    expect(await get(b, "during")).toBeNull();

    await redisServer().restart();
    await eventually(() => open.every((c) => c.usable()), "reconnected");
    // The restarted Redis is empty; A writes its copy back the next time it reads it.
    expect((await get(a, "during"))?.who).toBe("grace");
    expect((await get(b, "during"))?.who).toBe("grace");
  });
});
