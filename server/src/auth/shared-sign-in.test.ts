import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCaseId, type RunningSimulator, startSimulator } from "../simulator";
import { type RedisServer, startRedisServer } from "../testing/redis-server";
import { httpRequest, signInAs } from "../testing/sign-in-flow";
import { type RunningBff, startBff, TEST_KEYS } from "../testing/start-bff";

const CHK_212 = demoCaseId("CHK-212");

describe("sign in with Datadog across replicas sharing Redis", () => {
  let redis: RedisServer;
  let sim: RunningSimulator;
  const replicas: RunningBff[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    sim = await startSimulator({ keys: TEST_KEYS });
    const env = { REDIS_URL: redis.url, CASEGRAPH_SESSION_SECRET: "s".repeat(40) };
    for (let i = 0; i < 2; i++)
      replicas.push(await startBff({ signIn: true, simulator: sim, env }));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await sim?.close();
    await redis?.stop();
  });

  const sessionOn = async (bff: RunningBff, cookie: string) =>
    JSON.parse((await httpRequest(`${bff.url}/api/session`, { headers: { Cookie: cookie } })).body);

  it("a person signed in through one replica is signed in on the other, and signed out on both", async () => {
    const [a, b] = replicas as [RunningBff, RunningBff];
    const { cookie } = await signInAs(a.url, "Priya Raman");
    expect((await sessionOn(b, cookie)).user).toMatchObject({ name: "Priya Raman" });
    // B reads Datadog as the person with the token A's sign-in stored.
    const links = await httpRequest(`${b.url}/api/links?entity_type=CASE&entity_id=${CHK_212}`, {
      headers: { Cookie: cookie },
    });
    expect(links.status).toBe(200);

    const out = await httpRequest(`${b.url}/auth/logout`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: b.url },
    });
    expect(out.status).toBe(200);
    expect((await sessionOn(a, cookie)).user).toBeUndefined();
    expect((await sessionOn(b, cookie)).user).toBeUndefined();
  });
});
