import { afterEach, describe, expect, it } from "vitest";
import type { BatchLine, LinksResponse } from "../contract";
import {
  EDGE_DELETED_CASE_ID,
  EDGE_DUPLICATE_LINK_IDS,
  EDGE_HUB_ID,
  EDGE_HUB_LINK_COUNT,
  EDGE_ROOT_ID,
  EDGE_RUNBOOK_ID,
  EDGE_SELF_LINK_ID,
  EDGE_SELF_LINKED_ID,
  EDGE_TWIN_CASE_ID,
  EDGE_UNKNOWN_RELATIONSHIP_LINK_ID,
  edgeCaseScenario,
  type Fault,
  generateScenario,
} from "../simulator";
import { startBff, TEST_KEYS, upstreamLinkCalls, useFreshBff } from "../testing/start-bff";
import { errorContractProblem, type RawResponse, rawRequest } from "./raw-http";

/** startBff sets CASEGRAPH_UPSTREAM_TIMEOUT_MS=1000; answers must come within it plus this. */
const TIMEOUT_MS = 1000;
const MARGIN_MS = 4000;

async function get(base: string, path: string): Promise<RawResponse & { ms: number }> {
  const started = performance.now();
  const res = await rawRequest(base, { path });
  return { ...res, ms: performance.now() - started };
}

async function batch(base: string, body: unknown): Promise<{ status: number; lines: BatchLine[] }> {
  const res = await rawRequest(base, {
    method: "POST",
    path: "/api/batch",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const lines = res.body
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BatchLine);
  return { status: res.status, lines };
}

const linksPath = (id: string) => `/api/links?entity_type=CASE&entity_id=${id}`;
const labelPath = (id: string) => `/api/entities/CASE/${id}`;

describe("upstream faults: the BFF answers in the contract, in time, and keeps working", () => {
  // One client here plays through tiny rate-limit windows: its share of the org's quota is
  // the whole window (sharing is tested in fair-share.test.ts).
  const bff = useFreshBff({
    scenario: edgeCaseScenario(),
    env: { CASEGRAPH_CLIENT_QUOTA_SHARE: "100" },
  });

  // Never crashes: after every fault a good lookup of another entity works.
  afterEach(async () => {
    bff().sim.reset();
    const good = await get(bff().url, linksPath(EDGE_SELF_LINKED_ID));
    expect(good.status).toBe(200);
  });

  const fault = (f: Fault, extra: Record<string, unknown> = {}) =>
    bff().sim.setKnobs({ faults: { [EDGE_ROOT_ID]: f }, ...extra });

  it.each<[Fault, number, string]>([
    ["error", 502, "upstream_error"],
    ["hang", 504, "upstream_timeout"],
    ["reset", 502, "upstream_error"],
    ["malformed", 502, "upstream_error"],
    ["wrong_content_type", 502, "upstream_error"],
    ["not_found", 404, "not_found"],
  ])(
    "%s: %i %s for links, labels and batch lines, one upstream call each",
    async (f, status, code) => {
      fault(f);
      for (const path of [linksPath(EDGE_ROOT_ID), labelPath(EDGE_ROOT_ID)]) {
        const res = await get(bff().url, path);
        expect(errorContractProblem(res, [status])).toBeUndefined();
        expect(JSON.parse(res.body).error.code).toBe(code);
        expect(res.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      }
      // A batch streams the failure as a line and still answers the healthy item.
      const started = performance.now();
      const answer = await batch(bff().url, {
        links: [
          { type: "CASE", id: EDGE_ROOT_ID },
          { type: "CASE", id: EDGE_SELF_LINKED_ID },
        ],
      });
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(answer.status).toBe(200);
      const failed = answer.lines.find((l) => l.id === EDGE_ROOT_ID);
      expect(failed && "error" in failed ? failed.error : undefined).toMatchObject({
        status,
        code,
      });
      const healthy = answer.lines.find((l) => l.id === EDGE_SELF_LINKED_ID);
      expect(healthy && "data" in healthy).toBe(true);
      // Nothing retries a 5xx, a hang, a broken body or a 404: one upstream call per lookup; a
      // 404 is cached briefly, so the batch's lookup of the same links costs none.
      const calls = bff()
        .sim.requests()
        .filter((r) => r.entityId === EDGE_ROOT_ID);
      expect(calls).toHaveLength(code === "not_found" ? 2 : 3);
    },
  );

  it("5xx burst (errorRate 0.5): every answer is 200 or 502 in the contract, none retried", async () => {
    const { scenario } = generateScenario({ seed: 11, entities: 120, depth: 3 });
    const other = await startBff({ scenario, knobs: { errorRate: 0.5 } });
    try {
      const ids = scenario.cases.map((c) => c.id).slice(0, 100);
      const answers = await Promise.all(ids.map((id) => get(other.url, linksPath(id))));
      const statuses = new Set(answers.map((a) => a.status));
      expect([...statuses].sort()).toEqual([200, 502]);
      for (const a of answers.filter((x) => x.status !== 200)) {
        expect(errorContractProblem(a, [502])).toBeUndefined();
      }
      // One upstream call per entity: a 500 is reported, not retried behind the user's back.
      expect(upstreamLinkCalls(other.sim)).toHaveLength(ids.length);
      other.sim.setKnobs({ errorRate: 0 });
      // Failures were not cached: the same entities now answer.
      const again = await Promise.all(ids.map((id) => get(other.url, linksPath(id))));
      expect(again.every((a) => a.status === 200)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("429 storm with a long reset: 503 with Retry-After at once, no retry", async () => {
    fault("rate_limited", { faultResetSec: 30 });
    const res = await get(bff().url, linksPath(EDGE_ROOT_ID));
    expect(errorContractProblem(res, [503])).toBeUndefined();
    expect(res.headers["retry-after"]).toBe("30");
    expect(res.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(upstreamLinkCalls(bff().sim, EDGE_ROOT_ID)).toHaveLength(1);
  });

  it("429 storm with a short reset: waited out at most twice, backing off, then 503", async () => {
    fault("rate_limited", { faultResetSec: 1 });
    const res = await get(bff().url, linksPath(EDGE_ROOT_ID));
    expect(errorContractProblem(res, [503])).toBeUndefined();
    expect(res.headers["retry-after"]).toBeDefined();
    const calls = upstreamLinkCalls(bff().sim, EDGE_ROOT_ID);
    // The first call and two waits: bounded.
    expect(calls).toHaveLength(3);
    const at = calls.map((c) => Date.parse(c.at));
    for (let i = 1; i < at.length; i++) {
      // Each retry waits for the announced reset (1 s); allow for clock granularity.
      expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(900);
    }
  });

  it("429 storm from a real rate limit window: short resets are waited out and everything answers", async () => {
    bff().sim.setKnobs({ rateLimit: { limit: 5, periodSec: 1 } });
    const ids = [EDGE_ROOT_ID, EDGE_HUB_ID, EDGE_SELF_LINKED_ID, EDGE_TWIN_CASE_ID];
    const answers = await Promise.all(
      ids.flatMap((id) => [get(bff().url, linksPath(id)), get(bff().url, labelPath(id))]),
    );
    for (const a of answers) {
      if (a.status !== 200) expect(errorContractProblem(a, [503])).toBeUndefined();
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    // At most three upstream attempts per lookup.
    expect(bff().sim.requests().length).toBeLessThanOrEqual(answers.length * 3);
  });

  it("the 10,000-link entity: every link, once, and a following filter costs no upstream call", async () => {
    const res = await get(bff().url, linksPath(EDGE_HUB_ID));
    expect(res.status).toBe(200);
    const links = (JSON.parse(res.body) as LinksResponse).data;
    expect(links).toHaveLength(EDGE_HUB_LINK_COUNT);
    expect(new Set(links.map((l) => l.id)).size).toBe(EDGE_HUB_LINK_COUNT);
    const filtered = await get(bff().url, `${linksPath(EDGE_HUB_ID)}&relationship=BLOCKS`);
    expect((JSON.parse(filtered.body) as LinksResponse).data.length).toBeGreaterThan(4000);
    expect(upstreamLinkCalls(bff().sim, EDGE_HUB_ID)).toHaveLength(1);
  });

  it("unknown relationship and entity types pass through; duplicates with distinct ids stay", async () => {
    const res = await get(bff().url, linksPath(EDGE_ROOT_ID));
    expect(res.status).toBe(200);
    const links = (JSON.parse(res.body) as LinksResponse).data;
    const byId = new Map(links.map((l) => [l.id, l.attributes]));
    expect(byId.get(EDGE_UNKNOWN_RELATIONSHIP_LINK_ID)?.relationship).toBe("SUPERSEDES");
    expect(links.some((l) => l.attributes.child_entity_id === EDGE_RUNBOOK_ID)).toBe(true);
    expect(
      links.find((l) => l.attributes.child_entity_id === EDGE_RUNBOOK_ID)?.attributes
        .child_entity_type,
    ).toBe("RUNBOOK");
    for (const id of EDGE_DUPLICATE_LINK_IDS) expect(byId.has(id)).toBe(true);
    const superseded = await get(bff().url, `${linksPath(EDGE_ROOT_ID)}&relationship=SUPERSEDES`);
    expect((JSON.parse(superseded.body) as LinksResponse).data).toHaveLength(1);
  });

  it("a self-link appears once; a link to a deleted case answers, its label is a clean 404", async () => {
    const self = await get(bff().url, linksPath(EDGE_SELF_LINKED_ID));
    const selfLinks = (JSON.parse(self.body) as LinksResponse).data.filter(
      (l) => l.id === EDGE_SELF_LINK_ID,
    );
    expect(selfLinks).toHaveLength(1);
    const deletedLinks = await get(bff().url, linksPath(EDGE_DELETED_CASE_ID));
    expect(deletedLinks.status).toBe(200);
    const label = await get(bff().url, labelPath(EDGE_DELETED_CASE_ID));
    expect(errorContractProblem(label, [404])).toBeUndefined();
    // A 404 is an answer, not a reason to ask again.
    const calls = bff()
      .sim.requests()
      .filter((r) => r.entityId === EDGE_DELETED_CASE_ID && r.path !== "/api/v2/cases/link");
    expect(calls).toHaveLength(1);
  });

  it("hangs do not pile up: many hanging lookups all end in 504 within the timeout", async () => {
    bff().sim.setKnobs({ hangRate: 1 });
    const { scenario } = generateScenario({ seed: 3, entities: 80, depth: 2 });
    const ids = scenario.cases.map((c) => c.id).slice(0, 60);
    const started = performance.now();
    const answers = await Promise.all(ids.map((id) => get(bff().url, linksPath(id))));
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    for (const a of answers) expect(errorContractProblem(a, [504])).toBeUndefined();
  });
});

describe("a 4xx other than 429 is never retried", () => {
  it("keys refused (403): one upstream call per lookup, 502 saying so", async () => {
    const bff = await startBff({
      credentials: { apiKey: "refused-api-0000", appKey: "refused-app-0000" },
    });
    try {
      const res = await get(bff.url, linksPath(EDGE_ROOT_ID));
      expect(errorContractProblem(res, [502])).toBeUndefined();
      expect(JSON.parse(res.body).error.code).toBe("upstream_unauthorized");
      const label = await get(bff.url, labelPath(EDGE_ROOT_ID));
      expect(errorContractProblem(label, [502])).toBeUndefined();
      expect(bff.sim.requests().map((r) => r.status)).toEqual([403, 403]);
    } finally {
      await bff.close();
    }
  });
});

describe("memory stays bounded: the caches hold at most their entries and bytes", () => {
  const { scenario } = generateScenario({ seed: 5, entities: 1500, depth: 4 });
  const ids = scenario.cases.map((c) => c.id);
  let bff: Awaited<ReturnType<typeof startBff>> | undefined;
  // Filling is not about timeouts: on a busy machine 500 lookups at once may take over 1 s.
  const ROOMY = { CASEGRAPH_UPSTREAM_TIMEOUT_MS: "20000" };
  afterEach(() => bff?.close());

  /** Looks up every id's links and label, 250 at a time in batches. */
  async function fill(url: string, n: number) {
    for (let start = 0; start < n; start += 250) {
      const chunk = ids.slice(start, Math.min(n, start + 250)).map((id) => ({ type: "CASE", id }));
      const answer = await batch(url, { links: chunk, entities: chunk });
      expect(answer.status).toBe(200);
      expect(answer.lines.filter((l) => "error" in l).slice(0, 3)).toEqual([]);
    }
  }

  it("past CASEGRAPH_CACHE_MAX_ENTRIES each cache keeps that many entries", async () => {
    bff = await startBff({ scenario, env: { ...ROOMY, CASEGRAPH_CACHE_MAX_ENTRIES: "100" } });
    await fill(bff.url, 1000);
    expect(bff.caches.links.size).toBe(100);
    expect(bff.caches.entities.size).toBe(100);
    expect((await get(bff.url, linksPath(ids[0] ?? ""))).status).toBe(200);
  });

  it("past CASEGRAPH_CACHE_MAX_MB the caches together stay within the bytes", async () => {
    bff = await startBff({
      scenario: edgeCaseScenario(),
      env: { ...ROOMY, CASEGRAPH_CACHE_MAX_MB: "1" },
    });
    const perCache = (1024 * 1024) / 2;
    // The hub's answer alone is larger than a cache: it is answered, not kept.
    const hub = await get(bff.url, linksPath(EDGE_HUB_ID));
    expect(hub.status).toBe(200);
    expect(bff.caches.links.calculatedBytes).toBeLessThanOrEqual(perCache);
    await bff.close();

    bff = await startBff({ scenario, env: { ...ROOMY, CASEGRAPH_CACHE_MAX_MB: "1" } });
    await fill(bff.url, ids.length);
    expect(bff.caches.links.calculatedBytes).toBeLessThanOrEqual(perCache);
    expect(bff.caches.entities.calculatedBytes).toBeLessThanOrEqual(perCache);
    // The bound bit: not every answer fits.
    expect(bff.caches.links.size).toBeLessThan(ids.length);
    expect(bff.caches.links.calculatedBytes).toBeGreaterThan(perCache / 2);
  });
});

// The keys in TEST_KEYS are only sent upstream; this import keeps the fixture's intent visible.
void TEST_KEYS;
