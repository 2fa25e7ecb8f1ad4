import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoCaseId, demoScenario } from "./scenarios/demo-scenario";
import { type RunningSimulator, startSimulator } from "./start-simulator";

const KEY_HEADERS = { "DD-API-KEY": "k", "DD-APPLICATION-KEY": "a" };
const ROOT_ID = demoCaseId("PAY-101");
const OTHER_ID = demoCaseId("CHK-212");
const linksPath = (id: string) => `/api/v2/cases/link?entity_type=CASE&entity_id=${id}`;

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ scenario: demoScenario });
});
afterEach(() => sim.close());

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${sim.url}${path}`, { ...init, headers: KEY_HEADERS });

/** Resolves once the simulator has logged `count` requests: it has decided their fate. */
async function untilLogged(count: number): Promise<void> {
  while (sim.requests().length < count) await new Promise((resolve) => setImmediate(resolve));
}

describe("latency", () => {
  it("holds an answer back: a slow request is still waiting after a later fast one returned", async () => {
    sim.setKnobs({ latencyMs: 600_000 });
    let slowSettled = false;
    const slow = get(linksPath(ROOT_ID)).then(
      () => {
        slowSettled = true;
      },
      () => {
        slowSettled = true;
      },
    );
    await untilLogged(1);

    sim.setKnobs({ latencyMs: 0 });
    const fast = await get(linksPath(OTHER_ID));

    expect(fast.status).toBe(200);
    expect(slowSettled).toBe(false);
    await sim.close();
    await slow;
    expect(slowSettled).toBe(true);
  });
});

describe("errorRate", () => {
  it("answers every request 500 at a rate of 1", async () => {
    sim.setKnobs({ errorRate: 1 });
    const responses = await Promise.all([get(linksPath(ROOT_ID)), get("/api/v2/cases/PAY-101")]);
    expect(responses.map((response) => response.status)).toEqual([500, 500]);
    expect(await responses[0]?.json()).toEqual({ errors: ["Internal Server Error"] });
  });

  it("answers about that fraction of requests 500", async () => {
    sim.setKnobs({ errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () =>
        get(linksPath(ROOT_ID)).then((response) => response.status),
      ),
    );
    const errors = statuses.filter((status) => status === 500).length;
    expect(errors).toBeGreaterThan(60);
    expect(errors).toBeLessThan(140);
    expect(statuses.every((status) => status === 200 || status === 500)).toBe(true);
  });
});

describe("malformedRate", () => {
  it("answers 200 with a body that is not valid JSON", async () => {
    sim.setKnobs({ malformedRate: 1 });
    const response = await get(linksPath(ROOT_ID));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/vnd\.api\+json/);
    const text = await response.text();
    expect(text.startsWith('{"data":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe("hangRate", () => {
  it("never answers, and close() ends the waiting request", async () => {
    sim.setKnobs({ hangRate: 1 });
    const hung = get(linksPath(ROOT_ID));
    await untilLogged(1);

    expect(sim.requests()[0]).toMatchObject({ status: 0, fault: "hang" });
    await sim.close();
    await expect(hung).rejects.toThrow();
  });
});

describe("rateLimit", () => {
  it("sends the X-RateLimit headers on success and answers 429 past the limit", async () => {
    sim.setKnobs({ rateLimit: { limit: 2, periodSec: 60 } });

    const first = await get(linksPath(ROOT_ID));
    const second = await get(linksPath(ROOT_ID));
    const third = await get(linksPath(ROOT_ID));

    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-period")).toBe("60");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(second.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(third.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = Number(third.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
    expect(third.headers.get("x-ratelimit-name")).toBe(first.headers.get("x-ratelimit-name"));
    expect(await third.json()).toEqual({ errors: ["Too many requests"] });
  });

  it("describes an unlimited window when no limit is set", async () => {
    const response = await get(linksPath(ROOT_ID));
    expect(Number(response.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
    expect(response.headers.get("x-ratelimit-name")).toBeTruthy();
  });

  it("starts counting afresh when the limit is removed", async () => {
    sim.setKnobs({ rateLimit: { limit: 1, periodSec: 60 } });
    await get(linksPath(ROOT_ID));
    expect((await get(linksPath(ROOT_ID))).status).toBe(429);
    sim.setKnobs({ rateLimit: null });
    expect((await get(linksPath(ROOT_ID))).status).toBe(200);
  });
});

describe("unknownEntityLinks", () => {
  it("answers a link lookup for an unknown entity 404 when set to not_found", async () => {
    sim.setKnobs({ unknownEntityLinks: "not_found" });
    const unknown = await get(linksPath("00000000-0000-4000-8000-000000000000"));
    const known = await get(linksPath(ROOT_ID));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      errors: [{ code: "resource_not_found", title: "entity not found" }],
    });
    expect(known.status).toBe(200);
  });
});

describe("per-entity faults", () => {
  it("fails exactly the entity named, by id, and leaves its neighbours alone", async () => {
    sim.setKnobs({ faults: { [OTHER_ID]: "error" } });
    expect((await get(linksPath(OTHER_ID))).status).toBe(500);
    expect((await get(`/api/v2/cases/${OTHER_ID}`)).status).toBe(500);
    expect((await get(linksPath(ROOT_ID))).status).toBe(200);
    expect((await get("/api/v2/cases/PAY-101")).status).toBe(200);
  });

  it("finds a fault set under the case key whether the case is asked for by key or UUID", async () => {
    sim.setKnobs({ faults: { "CHK-212": "not_found" } });
    const byId = await get(`/api/v2/cases/${OTHER_ID}`);
    const links = await get(linksPath(OTHER_ID));
    expect(byId.status).toBe(404);
    expect(await byId.json()).toEqual({
      errors: [{ code: "resource_not_found", title: "case not found" }],
    });
    expect(links.status).toBe(404);
  });

  it("rate_limited answers 429 with the configured reset", async () => {
    sim.setKnobs({ faults: { [OTHER_ID]: "rate_limited" }, faultResetSec: 7 });
    const response = await get(linksPath(OTHER_ID));
    expect(response.status).toBe(429);
    expect(response.headers.get("x-ratelimit-reset")).toBe("7");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("malformed answers 200 with a truncated body", async () => {
    sim.setKnobs({ faults: { [OTHER_ID]: "malformed" } });
    const response = await get(`/api/v2/cases/${OTHER_ID}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("wrong_content_type answers an HTML page", async () => {
    sim.setKnobs({ faults: { [OTHER_ID]: "wrong_content_type" } });
    const response = await get(linksPath(OTHER_ID));
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("<html>");
  });

  it("reset drops the connection in the middle of the body", async () => {
    sim.setKnobs({ faults: { [OTHER_ID]: "reset" } });
    await expect(get(linksPath(OTHER_ID)).then((response) => response.text())).rejects.toThrow();
    expect((await get(linksPath(ROOT_ID))).status).toBe(200);
  });

  it("hang holds only that entity's requests until close()", async () => {
    sim.setKnobs({ faults: { [OTHER_ID]: "hang" } });
    const hung = get(linksPath(OTHER_ID));
    await untilLogged(1);
    expect((await get(linksPath(ROOT_ID))).status).toBe(200);
    await sim.close();
    await expect(hung).rejects.toThrow();
  });
});

describe("setKnobs", () => {
  it("refuses a bad knob with a message naming it, and keeps the old knobs", () => {
    expect(() => sim.setKnobs({ errorRate: 2 })).toThrow(/errorRate/);
    expect(sim.knobs().errorRate).toBe(0);
  });

  it("validates the knobs given at start", async () => {
    await expect(startSimulator({ knobs: { latencyMs: -1 } })).rejects.toThrow(/latencyMs/);
  });
});
