import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_KNOBS } from "./knobs";
import type { RequestLogEntry } from "./request-log";
import { demoCaseId } from "./scenarios/demo-scenario";
import { type RunningSimulator, startSimulator } from "./start-simulator";

const KEYS = { apiKey: "secret-api-key-value", appKey: "secret-app-key-value" };
const KEY_HEADERS = { "DD-API-KEY": KEYS.apiKey, "DD-APPLICATION-KEY": KEYS.appKey };
const ROOT_ID = demoCaseId("PAY-101");

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ keys: KEYS, knobs: { latencyMs: 1 } });
});
afterEach(() => sim.close());

const admin = (path: string, init: RequestInit = {}) => fetch(`${sim.url}/__sim${path}`, init);
const patchKnobs = (body: string) =>
  admin("/knobs", { method: "PATCH", body, headers: { "Content-Type": "application/json" } });

describe("GET /__sim/requests", () => {
  it("lists Datadog requests with their status, entity and whether keys were sent", async () => {
    await fetch(`${sim.url}/api/v2/cases/link?entity_type=CASE&entity_id=${ROOT_ID}`, {
      headers: KEY_HEADERS,
    });
    await fetch(`${sim.url}/api/v2/cases/PAY-101`);

    const response = await admin("/requests");
    const { requests } = (await response.json()) as { requests: RequestLogEntry[] };

    expect(requests).toEqual([
      {
        at: expect.any(String),
        method: "GET",
        path: "/api/v2/cases/link",
        query: { entity_type: "CASE", entity_id: ROOT_ID },
        status: 200,
        entityId: ROOT_ID,
        hasKeys: true,
      },
      {
        at: expect.any(String),
        method: "GET",
        path: "/api/v2/cases/PAY-101",
        query: {},
        status: 403,
        hasKeys: false,
      },
    ]);
    expect(sim.requests()).toEqual(requests);
  });

  it("never records a key value, not even a wrong one", async () => {
    await fetch(`${sim.url}/api/v2/cases/PAY-101`, { headers: KEY_HEADERS });
    await fetch(`${sim.url}/api/v2/cases/PAY-101`, {
      headers: { ...KEY_HEADERS, "DD-API-KEY": "wrong-key-value" },
    });
    await fetch(`${sim.url}/api/v2/cases/PAY-101?api_key=query-key-value`, {
      headers: KEY_HEADERS,
    });

    const logged = JSON.stringify(await (await admin("/requests")).json());
    expect(logged).not.toContain(KEYS.apiKey);
    expect(logged).not.toContain(KEYS.appKey);
    expect(logged).not.toContain("wrong-key-value");
    expect(logged).not.toContain("query-key-value");
    expect(sim.requests()).toHaveLength(3);
  });

  it("does not log admin requests", async () => {
    await admin("/knobs");
    await admin("/requests");
    expect(sim.requests()).toEqual([]);
  });
});

describe("DELETE /__sim/requests", () => {
  it("empties the log", async () => {
    await fetch(`${sim.url}/api/v2/cases/PAY-101`, { headers: KEY_HEADERS });
    const response = await admin("/requests", { method: "DELETE" });
    expect(response.status).toBe(200);
    expect(sim.requests()).toEqual([]);
  });
});

describe("knobs over HTTP", () => {
  it("shows the current knobs", async () => {
    const knobs = await (await admin("/knobs")).json();
    expect(knobs).toEqual({ ...DEFAULT_KNOBS, latencyMs: 1 });
  });

  it("merges a partial update and keeps the knobs not mentioned", async () => {
    const response = await patchKnobs(
      JSON.stringify({
        errorRate: 0.25,
        faults: { "PAY-101": "hang" },
        rateLimit: { limit: 5, periodSec: 10 },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      latencyMs: 1,
      errorRate: 0.25,
      faults: { "PAY-101": "hang" },
      rateLimit: { limit: 5, periodSec: 10 },
    });
    expect(sim.knobs().errorRate).toBe(0.25);

    await patchKnobs(JSON.stringify({ rateLimit: null }));
    expect(sim.knobs()).not.toHaveProperty("rateLimit");
  });

  it.each([
    ["a rate above 1", { errorRate: 1.5 }, "errorRate"],
    ["an unknown fault", { faults: { "PAY-101": "explode" } }, "faults.PAY-101"],
    ["an unknown knob", { latency: 5 }, "latency"],
    ["a negative latency", { latencyMs: -5 }, "latencyMs"],
    ["a zero rate limit", { rateLimit: { limit: 0, periodSec: 1 } }, "rateLimit.limit"],
  ])("refuses %s with 400 and a message naming the knob", async (_, body, knob) => {
    const response = await patchKnobs(JSON.stringify(body));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toContain(knob);
    expect(sim.knobs()).toEqual({ ...DEFAULT_KNOBS, latencyMs: 1 });
  });

  it("refuses a body that is not JSON", async () => {
    const response = await patchKnobs("latencyMs=5");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining("JSON") });
  });
});

describe("POST /__sim/reset", () => {
  it("puts the knobs back to the start values and clears the log", async () => {
    await patchKnobs(JSON.stringify({ errorRate: 1, rateLimit: { limit: 1, periodSec: 60 } }));
    await fetch(`${sim.url}/api/v2/cases/PAY-101`, { headers: KEY_HEADERS });

    const response = await admin("/reset", { method: "POST" });

    expect(response.status).toBe(200);
    expect(sim.knobs()).toEqual({ ...DEFAULT_KNOBS, latencyMs: 1 });
    expect(sim.requests()).toEqual([]);
    expect((await fetch(`${sim.url}/api/v2/cases/PAY-101`, { headers: KEY_HEADERS })).status).toBe(
      200,
    );
  });
});

describe("unknown admin paths", () => {
  it("answers 404 naming the request", async () => {
    const response = await admin("/nothing");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: expect.stringContaining("GET /__sim/nothing") });
  });
});

describe("scenario edits", () => {
  const send = (method: string, path: string, body?: unknown) =>
    admin(path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
    });
  const linksOf = async (id: string) => {
    const response = await fetch(`${sim.url}/api/v2/cases/link?entity_type=CASE&entity_id=${id}`, {
      headers: KEY_HEADERS,
    });
    return ((await response.json()) as { data: { id: string }[] }).data.map((link) => link.id);
  };

  it("adds a link that both ends then list, and removes it again", async () => {
    const added = await send("POST", "/links", {
      id: "new-link",
      parent: "PAY-133",
      child: "PAY-101",
      relationship: "BLOCKS",
    });
    expect(added.status).toBe(201);
    expect(await linksOf(ROOT_ID)).toContain("new-link");
    expect(await linksOf(demoCaseId("PAY-133"))).toContain("new-link");

    expect((await send("DELETE", "/links/new-link")).status).toBe(200);
    expect(await linksOf(ROOT_ID)).not.toContain("new-link");
    expect(await linksOf(demoCaseId("PAY-133"))).not.toContain("new-link");
    expect((await send("DELETE", "/links/new-link")).status).toBe(404);
  });

  it("changes a case's status and priority, and reset brings the scenario back", async () => {
    const changed = await send("PATCH", "/cases/CHK-212", { status: "CLOSED", priority: "P3" });
    expect(changed.status).toBe(200);
    const read = async () => {
      const response = await fetch(`${sim.url}/api/v2/cases/CHK-212`, { headers: KEY_HEADERS });
      return ((await response.json()) as { data: { attributes: Record<string, string> } }).data
        .attributes;
    };
    expect(await read()).toMatchObject({ status: "CLOSED", priority: "P3" });
    await send("POST", "/reset");
    expect(await read()).toMatchObject({ status: "OPEN", priority: "P1" });
  });

  it("refuses bad edits with a message naming what was wrong", async () => {
    const badStatus = await send("PATCH", "/cases/CHK-212", { status: "DONE" });
    expect(badStatus.status).toBe(400);
    expect(((await badStatus.json()) as { error: string }).error).toContain("status");
    const unknownCase = await send("PATCH", "/cases/NOPE-1", { status: "OPEN" });
    expect(unknownCase.status).toBe(404);
    const unknownEnd = await send("POST", "/links", {
      parent: "NOPE-1",
      child: "PAY-101",
      relationship: "BLOCKS",
    });
    expect(unknownEnd.status).toBe(404);
    expect(((await unknownEnd.json()) as { error: string }).error).toContain("parent");
  });
});

describe("GET /__sim/stats", () => {
  it("reports the most link calls answered at once, and starts again on DELETE", async () => {
    sim.setKnobs({ latencyMs: 200 });
    const link = (id: string) =>
      fetch(`${sim.url}/api/v2/cases/link?entity_type=CASE&entity_id=${id}`, {
        headers: KEY_HEADERS,
      });
    // Three link calls and one case read overlap; while they wait, they are all in flight.
    const calls = [link(ROOT_ID), link(ROOT_ID), link(ROOT_ID), fetch(`${sim.url}/api/v2/cases/x`)];
    // The stats request may overtake them on its own connection: ask until all four arrived.
    let during = sim.stats();
    while (during.inFlight.all < 4) {
      await new Promise((resolve) => setImmediate(resolve));
      during = (await (await admin("/stats")).json()) as typeof during;
    }
    await Promise.all(calls);
    expect(during).toEqual({
      inFlight: { all: 4, links: 3 },
      maxInFlight: { all: 4, links: 3 },
    });
    expect(await (await admin("/stats")).json()).toEqual({
      inFlight: { all: 0, links: 0 },
      maxInFlight: { all: 4, links: 3 },
    });
    expect(await (await admin("/stats", { method: "DELETE" })).json()).toEqual({
      inFlight: { all: 0, links: 0 },
      maxInFlight: { all: 0, links: 0 },
    });
    await link(ROOT_ID);
    expect(sim.stats().maxInFlight).toEqual({ all: 1, links: 1 });
  });
});
