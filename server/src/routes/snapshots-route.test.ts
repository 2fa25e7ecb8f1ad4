import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORED_SNAPSHOT_MAX_CHARS } from "../contract";
import type { RedisConnection } from "../redis/redis-connection";
import { eventually, testConnection, useRedisServer } from "../testing/redis-server";
import { httpRequest, signInAs } from "../testing/sign-in-flow";
import { type RunningBff, startBff } from "../testing/start-bff";

const redisServer = useRedisServer();
const ENCODED = "N4IgLgngDgpiBcIBOBDAdgSwEYBsC0A5gK4oC2cALiADQgDuA9iALwAENAxI0wOoDmAHQDuASgEcNQA";

async function store(url: string, body: string, headers: Record<string, string> = {}) {
  return httpRequest(`${url}/api/snapshots`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
}

const errorOf = (body: string) =>
  (JSON.parse(body) as { error: { status: number; code: string; message: string } }).error;

describe("short snapshot links kept in Redis", () => {
  let bff: RunningBff;
  const open: RedisConnection[] = [];
  beforeAll(async () => {
    bff = await startBff({
      env: { REDIS_URL: redisServer().url, CASEGRAPH_SNAPSHOT_TTL_DAYS: "7" },
    });
    // The BFF answers from Redis only once both of its connections are ready.
    await eventually(async () => {
      const config = await httpRequest(`${bff.url}/readyz`);
      return config.body.includes('"redis":"ok"');
    }, "the BFF shares through Redis");
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await bff?.close();
  });

  it("says in /api/config that snapshot links are short", async () => {
    const config = await httpRequest(`${bff.url}/api/config`);
    expect(JSON.parse(config.body)).toMatchObject({ snapshots: "short" });
  });

  it("stores a snapshot under a random id with the configured expiry and reads it back, without an upstream call", async () => {
    const first = await store(bff.url, JSON.stringify({ snapshot: ENCODED }));
    const second = await store(bff.url, JSON.stringify({ snapshot: ENCODED }));
    expect(first.status).toBe(201);
    const { id } = JSON.parse(first.body) as { id: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((JSON.parse(second.body) as { id: string }).id).not.toBe(id);

    const redis = await testConnection(redisServer().url, open);
    const ttl = await redis.run((c) => c.pttl(`casegraph:snapshot:${id}`));
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(ttl).toBeGreaterThan(week - 60_000);
    expect(ttl).toBeLessThanOrEqual(week);

    bff.sim.reset();
    const read = await httpRequest(`${bff.url}/api/snapshots/${id}`);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toEqual({ snapshot: ENCODED });
    expect(bff.sim.requests()).toHaveLength(0);
  });

  it("answers 404 in the error contract for an unknown id and once a snapshot has expired", async () => {
    const unknown = await httpRequest(`${bff.url}/api/snapshots/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.body)).toMatchObject({ status: 404, code: "not_found" });
    expect(errorOf(unknown.body).message).toMatch(/expired/);

    const stored = await store(bff.url, JSON.stringify({ snapshot: ENCODED }));
    const { id } = JSON.parse(stored.body) as { id: string };
    const redis = await testConnection(redisServer().url, open);
    await redis.run((c) => c.pexpire(`casegraph:snapshot:${id}`, 1));
    await eventually(
      async () => (await redis.run((c) => c.exists(`casegraph:snapshot:${id}`))) === 0,
      "the snapshot expired",
    );
    const expired = await httpRequest(`${bff.url}/api/snapshots/${id}`);
    expect(expired.status).toBe(404);
    expect(errorOf(expired.body).code).toBe("not_found");
  });

  it("refuses a body that is not an encoded snapshot with 400 and one past the size limit with 413", async () => {
    for (const body of [
      JSON.stringify({}),
      JSON.stringify({ snapshot: "" }),
      JSON.stringify({ snapshot: "<script>" }),
      JSON.stringify({ snapshot: ENCODED, extra: 1 }),
      "{not json",
    ]) {
      const answer = await store(bff.url, body);
      expect(answer.status, body).toBe(400);
      expect(errorOf(answer.body)).toMatchObject({ status: 400, code: "bad_request" });
    }
    const tooLong = await store(
      bff.url,
      JSON.stringify({ snapshot: "A".repeat(STORED_SNAPSHOT_MAX_CHARS + 1) }),
    );
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong.body).message).toMatch(/snapshot/);
    const huge = await store(
      bff.url,
      JSON.stringify({ snapshot: "A".repeat(STORED_SNAPSHOT_MAX_CHARS * 2) }),
    );
    expect(huge.status).toBe(413);
    expect(errorOf(huge.body).code).toBe("payload_too_large");
    const notJson = await store(bff.url, ENCODED, { "Content-Type": "text/plain" });
    expect(notJson.status).toBe(415);
    expect(errorOf(notJson.body).code).toBe("unsupported_media_type");
    const badId = await httpRequest(`${bff.url}/api/snapshots/short`);
    expect(badId.status).toBe(400);
  });

  it("refuses a POST from another site's page like every other POST", async () => {
    const answer = await store(bff.url, JSON.stringify({ snapshot: ENCODED }), {
      Origin: "https://evil.example",
    });
    expect(answer.status).toBe(403);
    expect(errorOf(answer.body).code).toBe("forbidden");
  });

  it("answers 503 in the error contract while Redis is down, and works again when it is back", async () => {
    const stored = await store(bff.url, JSON.stringify({ snapshot: ENCODED }));
    const { id } = JSON.parse(stored.body) as { id: string };
    await Promise.all(open.splice(0).map((c) => c.close()));
    await redisServer().kill();
    await eventually(async () => {
      const answer = await store(bff.url, JSON.stringify({ snapshot: ENCODED }));
      return answer.status === 503;
    }, "storing is refused");
    const down = await store(bff.url, JSON.stringify({ snapshot: ENCODED }));
    expect(errorOf(down.body)).toMatchObject({ status: 503, code: "store_unavailable" });
    const read = await httpRequest(`${bff.url}/api/snapshots/${id}`);
    expect(read.status).toBe(503);
    expect(errorOf(read.body).code).toBe("store_unavailable");

    await redisServer().restart();
    await eventually(
      async () => (await store(bff.url, JSON.stringify({ snapshot: ENCODED }))).status === 201,
      "storing works again",
    );
  });
});

describe("short snapshot links with sign-in", () => {
  let bff: RunningBff;
  beforeAll(async () => {
    bff = await startBff({
      signIn: true,
      // Replicas that share sign-ins through Redis must sign cookies with one secret.
      env: {
        REDIS_URL: redisServer().url,
        CASEGRAPH_SESSION_SECRET: "snapshot-test-session-secret-0123456789abcdef",
      },
    });
    await eventually(async () => {
      const ready = await httpRequest(`${bff.url}/readyz`);
      return ready.body.includes('"redis":"ok"');
    }, "the BFF shares through Redis");
  });
  afterAll(() => bff?.close());

  it("lets only a signed-in person store or read a snapshot", async () => {
    const signed = await signInAs(bff.url, "Priya Raman");
    const stored = await store(bff.url, JSON.stringify({ snapshot: ENCODED }), {
      Cookie: signed.cookie,
    });
    expect(stored.status).toBe(201);
    const { id } = JSON.parse(stored.body) as { id: string };

    const anonymous = await httpRequest(`${bff.url}/api/snapshots/${id}`);
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous.body).code).toBe("unauthenticated");
    expect(anonymous.body).not.toContain(ENCODED);
    expect((await store(bff.url, JSON.stringify({ snapshot: ENCODED }))).status).toBe(401);

    const read = await httpRequest(`${bff.url}/api/snapshots/${id}`, {
      headers: { Cookie: signed.cookie },
    });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toEqual({ snapshot: ENCODED });
  });
});
