import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../contract";
import { demoScenario, type Fault } from "../simulator";
import { startBff, TEST_KEYS, useFreshBff } from "../testing/start-bff";

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario has no root");

async function errorOf(response: Response): Promise<ApiErrorBody["error"]> {
  const body = (await response.json()) as ApiErrorBody;
  return body.error;
}

describe("upstream failures map to the error contract", () => {
  const bff = useFreshBff();

  const links = () => fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${root.id}`);
  const label = () => fetch(`${bff().url}/api/entities/CASE/${root.id}`);
  const fault = (f: Fault) => bff().sim.setKnobs({ faults: { [root.id]: f } });

  it.each<[Fault, number, string]>([
    ["error", 502, "upstream_error"],
    ["malformed", 502, "upstream_error"],
    ["wrong_content_type", 502, "upstream_error"],
    ["reset", 502, "upstream_error"],
    ["hang", 504, "upstream_timeout"],
    ["not_found", 404, "not_found"],
  ])("%s upstream → %i %s for links and labels", async (f, status, code) => {
    fault(f);
    for (const response of [await links(), await label()]) {
      expect(response.status).toBe(status);
      const error = await errorOf(response);
      expect(error).toMatchObject({ status, code });
      expect(error.message).not.toMatch(/<html|stack|at .*\.js/i);
    }
  });

  it("a long rate limit answers 503 with Retry-After", async () => {
    bff().sim.setKnobs({ faults: { [root.id]: "rate_limited" }, faultResetSec: 30 });
    const response = await links();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await errorOf(response)).toMatchObject({ code: "upstream_rate_limited" });
  });

  it("a short rate limit is waited out and answered", async () => {
    bff().sim.setKnobs({ rateLimit: { limit: 1, periodSec: 1 } });
    const [first, second] = await Promise.all([links(), label()]);
    expect(first?.status).toBe(200);
    expect(second?.status).toBe(200);
  });

  it("keys refused by Datadog answer 502 saying so, without the keys", async () => {
    const other = await startBff({
      credentials: { apiKey: "wrong-api-key", appKey: "wrong-app-key" },
    });
    try {
      const response = await fetch(`${other.url}/api/links?entity_type=CASE&entity_id=${root.id}`);
      expect(response.status).toBe(502);
      const error = await errorOf(response);
      expect(error.code).toBe("upstream_unauthorized");
      expect(error.message).toContain("refused");
      const ready = await fetch(`${other.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { upstream: string; reason: string };
      expect(body.upstream).toBe("upstream_unauthorized");
      expect(JSON.stringify(body)).not.toContain("wrong");
    } finally {
      await other.close();
    }
  });

  it("a failure is not cached: the next lookup succeeds once the upstream recovers", async () => {
    fault("error");
    expect((await links()).status).toBe(502);
    bff().sim.setKnobs({ faults: {} });
    expect((await links()).status).toBe(200);
  });

  it("readyz is ready when the upstream answers and unready when it is unreachable", async () => {
    expect((await fetch(`${bff().url}/readyz`)).status).toBe(200);
    expect((await fetch(`${bff().url}/healthz`)).status).toBe(200);
  });

  it("no response or log line carries a key", async () => {
    fault("error");
    await links();
    bff().sim.setKnobs({ faults: {} });
    const bodies = await Promise.all(
      [links(), label(), fetch(`${bff().url}/api/config`), fetch(`${bff().url}/readyz`)].map(
        async (p) => {
          const r = await p;
          return JSON.stringify([...r.headers.entries()]) + (await r.text());
        },
      ),
    );
    const everything = bodies.join("\n") + bff().logs.join("\n");
    expect(bff().logs.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TEST_KEYS.apiKey);
    expect(everything).not.toContain(TEST_KEYS.appKey);
  });
});
