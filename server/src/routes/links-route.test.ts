import { get } from "node:http";
import { describe, expect, it } from "vitest";
import type { LinksResponse } from "../contract";
import { demoScenario } from "../simulator";
import { upstreamLinkCalls, useFreshBff } from "../testing/start-bff";

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario has no root");

function expectedLinkIds(entityId: string): string[] {
  return demoScenario.links
    .filter((l) => l.parent.id === entityId || l.child.id === entityId)
    .map((l) => l.id)
    .sort();
}

describe("GET /api/links", () => {
  const bff = useFreshBff();

  it("answers the upstream's links of an entity in the contract's snake_case shape", async () => {
    const response = await fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${root.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as LinksResponse;
    expect(body.data.map((l) => l.id).sort()).toEqual(expectedLinkIds(root.id));
    for (const link of body.data) {
      expect(link.type).toBe("link");
      expect(Object.keys(link.attributes).sort()).toEqual([
        "child_entity_id",
        "child_entity_type",
        "parent_entity_id",
        "parent_entity_type",
        "relationship",
      ]);
      expect([link.attributes.parent_entity_id, link.attributes.child_entity_id]).toContain(
        root.id,
      );
    }
  });

  it("filters by relationship without another upstream call", async () => {
    const all = (await (
      await fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${root.id}`)
    ).json()) as LinksResponse;
    const blocks = (await (
      await fetch(
        `${bff().url}/api/links?entity_type=CASE&entity_id=${root.id}&relationship=BLOCKS`,
      )
    ).json()) as LinksResponse;
    expect(blocks.data.length).toBeGreaterThan(0);
    expect(blocks.data.every((l) => l.attributes.relationship === "BLOCKS")).toBe(true);
    expect(blocks.data.length).toBeLessThan(all.data.length);
    expect(upstreamLinkCalls(bff().sim, root.id)).toHaveLength(1);
  });

  it("coalesces 20 simultaneous lookups of one entity into one upstream call", async () => {
    const other = demoScenario.roots[1] ?? root;
    bff().sim.setKnobs({ latencyMs: 100 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${other.id}`),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(upstreamLinkCalls(bff().sim, other.id)).toHaveLength(1);
  });

  it("sends an ETag and answers 304 to a matching If-None-Match", async () => {
    const url = `${bff().url}/api/links?entity_type=CASE&entity_id=${root.id}`;
    const first = await fetch(url);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    // Plain node:http: fetch adds Cache-Control: no-cache to a conditional request.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(url, { headers: { "If-None-Match": etag ?? "" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on("error", reject);
    });
    expect(status).toBe(304);
  });

  it("answers an entity Datadog does not know with an empty list or 404, as the upstream does", async () => {
    const unknown = "0b8b2a5e-1111-4222-8333-444455556666";
    const empty = await fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${unknown}`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ data: [] });
    bff().caches.links.clear();
    bff().sim.setKnobs({ unknownEntityLinks: "not_found" });
    const missing = await fetch(`${bff().url}/api/links?entity_type=CASE&entity_id=${unknown}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
