import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { generateScenario, type RunningSimulator, startSimulator } from "../simulator";
import { spawnServer } from "../testing/spawn-server";
import { TEST_KEYS } from "../testing/start-bff";

/** main.ts's grace period for in-flight requests after SIGTERM. */
const GRACE_MS = 10_000;

const children: ChildProcess[] = [];
const simulators: RunningSimulator[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all(simulators.splice(0).map((s) => s.close()));
});

/** The real server process, in live mode against `upstreamUrl`. */
function spawnLiveServer(upstreamUrl: string, keys = TEST_KEYS) {
  const server = spawnServer({
    HOST: "127.0.0.1",
    DD_API_KEY: keys.apiKey,
    DD_APP_KEY: keys.appKey,
    DD_API_URL: upstreamUrl,
    CASEGRAPH_CLIENT_RATE_LIMIT: "100000",
  });
  children.push(server.child);
  return server;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("lifecycle of the real server process", () => {
  it("SIGTERM under load: in-flight requests finish, new connections are refused, exit 0 within the grace period", async () => {
    const { scenario } = generateScenario({ seed: 21, entities: 400, depth: 4 });
    // Slow enough that requests are really in flight when the signal arrives.
    const sim = await startSimulator({ scenario, keys: TEST_KEYS, knobs: { latencyMs: 1500 } });
    simulators.push(sim);
    const server = spawnLiveServer(sim.url);
    const url = await server.listening();
    const ids = scenario.cases.map((c) => c.id).slice(0, 60);

    const inFlight = [
      ...ids.slice(0, 40).map((id) => `/api/links?entity_type=CASE&entity_id=${id}`),
      ...ids.slice(40).map((id) => `/api/entities/CASE/${id}`),
    ].map((p) =>
      fetch(`${url}${p}`).then(async (r) => ({ status: r.status, body: await r.text() })),
    );
    const page = fetch(`${url}/api/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ links: ids.slice(0, 30).map((id) => ({ type: "CASE", id })) }),
    }).then(async (r) => ({ status: r.status, body: await r.text() }));

    // Wait until the upstream has seen the lookups: they are in flight now.
    for (let i = 0; i < 100 && sim.requests().length < 60; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sim.requests().length).toBeGreaterThanOrEqual(60);
    const signalledAt = performance.now();
    server.child.kill("SIGTERM");

    // New connections are refused while the in-flight ones are still being answered.
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      refused = await fetch(`${url}/healthz`).then(
        () => false,
        () => true,
      );
    }
    expect(refused).toBe(true);

    const answers = await Promise.all(inFlight);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(() => JSON.parse(a.body)).not.toThrow();
    }
    const batch = await page;
    expect(batch.status).toBe(200);
    expect(batch.body.trim().split("\n")).toHaveLength(30);
    expect(batch.body).not.toContain('"error"');

    expect(await server.exited).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(GRACE_MS + 5_000);
    expect(server.output()).toContain("shutting down");
    // Everything finished by itself: the grace period never had to cut a connection.
    expect(server.output()).not.toContain("grace period over");
    expect(server.output()).not.toContain(TEST_KEYS.apiKey);
    expect(server.output()).not.toContain(TEST_KEYS.appKey);
  });

  it("SIGTERM to the documented start command (bin/casegraph-server) shuts the server itself down", async () => {
    const server = spawnServer({ HOST: "127.0.0.1" }, { startScript: true });
    children.push(server.child);
    const url = await server.listening();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The process the supervisor started is the server (the script exec'd node), so the
    // signal reaches it directly and nothing is left serving afterwards.
    const pid = server.child.pid ?? 0;
    expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).toContain("src/main.ts");
    process.kill(pid, "SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("stopped");
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it("/readyz: unready when the upstream is unreachable, saying so without the keys", async () => {
    const server = spawnLiveServer(`http://127.0.0.1:${await closedPort()}`);
    const url = await server.listening();
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    const body = JSON.parse(text) as { status: string; upstream: string; reason: string };
    expect(body.status).toBe("unready");
    expect(body.upstream).toBe("upstream_error");
    expect(body.reason).toMatch(/could not be reached/);
    expect(text).not.toContain(TEST_KEYS.apiKey);
    expect(text).not.toContain(TEST_KEYS.appKey);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toContain(TEST_KEYS.apiKey);
  });

  it("/readyz: unready when the keys are refused (403), saying which, without the keys", async () => {
    const sim = await startSimulator({ keys: TEST_KEYS });
    simulators.push(sim);
    const wrong = { apiKey: "lifecycle-wrong-api-5e2f", appKey: "lifecycle-wrong-app-91c4" };
    const server = spawnLiveServer(sim.url, wrong);
    const url = await server.listening();
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    const body = JSON.parse(text) as { upstream: string; reason: string };
    expect(body.upstream).toBe("upstream_unauthorized");
    expect(body.reason).toMatch(/refused the configured API and application keys/);
    for (const key of [wrong.apiKey, wrong.appKey, TEST_KEYS.apiKey, TEST_KEYS.appKey]) {
      expect(text).not.toContain(key);
      expect(server.output()).not.toContain(key);
    }
    expect(sim.requests().map((r) => r.status)).toEqual([403]);

    // And ready when they are accepted.
    const ok = spawnLiveServer(sim.url);
    const okUrl = await ok.listening();
    const ready = await fetch(`${okUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", upstream: "ok" });
  });
});
