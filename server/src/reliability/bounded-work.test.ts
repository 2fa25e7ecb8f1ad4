import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import type { BatchLine } from "../contract";
import { demoScenario } from "../simulator";
import { startBff, upstreamLinkCalls } from "../testing/start-bff";
import { type RawRequest, rawRequest } from "./raw-http";

const [root] = demoScenario.roots;
if (!root) throw new Error("the demo scenario has no root");

async function batch(
  base: string,
  ids: string[],
  extra: Partial<RawRequest> = {},
): Promise<BatchLine[]> {
  const res = await rawRequest(base, {
    method: "POST",
    path: "/api/batch",
    ...extra,
    headers: { "Content-Type": "application/json", ...extra.headers },
    body: JSON.stringify({ links: ids.map((id) => ({ type: "CASE", id })) }),
  });
  expect(res.status).toBe(200);
  return res.body
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BatchLine);
}

const errorsOf = (lines: BatchLine[]) => lines.flatMap((l) => ("error" in l ? [l.error] : []));

describe("work is bounded per client", () => {
  it("a client's budget counts lookups that reach the upstream, not requests", async () => {
    const bff = await startBff({ env: { CASEGRAPH_CLIENT_LOOKUP_BUDGET: "10" } });
    try {
      const unknown = Array.from({ length: 30 }, () => randomUUID());
      const lines = await batch(bff.url, unknown);
      expect(lines).toHaveLength(30);
      const refused = errorsOf(lines).filter((e) => e.status === 429);
      expect(refused).toHaveLength(20);
      for (const e of refused) {
        expect(e.code).toBe("rate_limited");
        expect(e.retry_after_s).toBeGreaterThanOrEqual(1);
      }
      expect(upstreamLinkCalls(bff.sim)).toHaveLength(10);
      // The same ids again cost nothing: not-found is cached, so the budget is not touched.
      const again = await batch(bff.url, unknown.slice(0, 10));
      expect(errorsOf(again).every((e) => e.status === 404)).toBe(true);
      // Someone else is not affected.
      const other = await batch(bff.url, [root.id], { localAddress: "127.0.0.2" });
      expect(other[0] && "data" in other[0]).toBe(true);
    } finally {
      await bff.close();
    }
  });

  it("a client's queued lookups are bounded; past the bound they are refused at once", async () => {
    const bff = await startBff({
      knobs: { latencyMs: 300 },
      env: { CASEGRAPH_UPSTREAM_CONCURRENCY: "1", CASEGRAPH_CLIENT_QUEUE_MAX: "2" },
    });
    try {
      const lines = await batch(
        bff.url,
        Array.from({ length: 6 }, () => randomUUID()),
      );
      const full = errorsOf(lines).filter((e) => e.status === 429);
      expect(full).toHaveLength(3);
      for (const e of full) expect(e.message).toMatch(/waiting for Datadog/);
      expect(upstreamLinkCalls(bff.sim)).toHaveLength(3);
    } finally {
      await bff.close();
    }
  });

  it("a lookup that cannot start in time is answered 503 with a retry time, not left waiting", async () => {
    const bff = await startBff({
      knobs: { latencyMs: 500 },
      env: { CASEGRAPH_UPSTREAM_CONCURRENCY: "1", CASEGRAPH_QUEUE_WAIT_MAX_MS: "100" },
    });
    try {
      const lines = await batch(
        bff.url,
        Array.from({ length: 3 }, () => randomUUID()),
      );
      const busy = errorsOf(lines).filter((e) => e.status === 503);
      expect(busy).toHaveLength(2);
      for (const e of busy) {
        expect(e.code).toBe("server_busy");
        expect(e.retry_after_s).toBe(1);
      }
      // The GET answer carries the same as a Retry-After header.
      const slow = rawRequest(bff.url, {
        path: `/api/links?entity_type=CASE&entity_id=${randomUUID()}`,
      });
      const res = await rawRequest(bff.url, {
        path: `/api/links?entity_type=CASE&entity_id=${randomUUID()}`,
      });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("1");
      await slow;
    } finally {
      await bff.close();
    }
  });

  it("when a client hangs up, its queued lookups are dropped and its upstream calls aborted", async () => {
    // An upstream that never answers and notes every call the BFF gives up on.
    let arrived = 0;
    let abandoned = 0;
    const upstream = createServer((req) => {
      arrived++;
      req.socket.on("close", () => {
        abandoned++;
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const address = upstream.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const bff = await startBff({
      env: {
        DD_API_URL: `http://127.0.0.1:${port}`,
        CASEGRAPH_UPSTREAM_CONCURRENCY: "4",
        CASEGRAPH_UPSTREAM_TIMEOUT_MS: "60000",
      },
    });
    try {
      const hangUp = new AbortController();
      const ids = Array.from({ length: 40 }, () => randomUUID());
      const asked = fetch(`${bff.url}/api/batch`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ links: ids.map((id) => ({ type: "CASE", id })) }),
        signal: hangUp.signal,
      }).catch(() => undefined);
      while (arrived < 4) await new Promise((r) => setTimeout(r, 10));
      hangUp.abort();
      await asked;
      // The four calls in flight are aborted (their connections closed by the BFF)...
      while (abandoned < 4) await new Promise((r) => setTimeout(r, 10));
      // ...and none of the 36 queued ones ever starts.
      while (bff.caches.links.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      expect(arrived).toBe(4);
    } finally {
      await bff.close();
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});
