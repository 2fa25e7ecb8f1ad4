import { describe, expect, it, vi } from "vitest";
import type { GraphNode, GraphSnapshot } from "../../lib/graph-types";
import { readStoredSnapshot, shareSnapshot } from "./share-snapshot";
import { decodeSnapshot, snapshotFromHash } from "./snapshot-codec";

const ROOT = "11111111-2222-4333-8444-555555555555";
const OTHER = "66666666-7777-4888-8999-000000000000";

function node(id: string, hop: number, key: string, status: string): GraphNode {
  return {
    key: `CASE:${id}`,
    type: "CASE",
    id,
    hop,
    frontier: false,
    labelStatus: "done",
    linksStatus: "done",
    label: { type: "CASE", id, key, title: `${key} title`, status },
  };
}

const graph: GraphSnapshot = {
  rootKey: `CASE:${ROOT}`,
  nodes: new Map([
    [`CASE:${ROOT}`, node(ROOT, 0, "PAY-101", "OPEN")],
    [`CASE:${OTHER}`, node(OTHER, 1, "NET-54", "CLOSED")],
  ]),
  edges: [{ id: "e1", source: `CASE:${OTHER}`, target: `CASE:${ROOT}`, relationship: "BLOCKS" }],
  incomplete: false,
};
const asOf = new Date("2026-03-14T10:42:00Z");
const location = { origin: "https://casegraph.example", search: "?depth=2" };

const answering = (response: () => Response) => vi.fn<typeof fetch>(async () => response());

function expectSameGraph(encoded: string | null) {
  const decoded = decodeSnapshot(encoded ?? "");
  if (!decoded.ok) throw new Error(decoded.reason);
  expect(decoded.frozen.asOf).toBe(asOf.toISOString());
  expect([...decoded.frozen.snapshot.nodes.values()].map((n) => n.label?.status)).toEqual([
    "OPEN",
    "CLOSED",
  ]);
  expect(decoded.frozen.snapshot.edges.map((e) => e.relationship)).toEqual(["BLOCKS"]);
}

describe("shareSnapshot", () => {
  it("stores the encoded graph and copies a short link when the server keeps snapshots", async () => {
    const fetch = answering(() => Response.json({ id: "abcdefghijklmnopqrstuv" }, { status: 201 }));
    const shared = await shareSnapshot(graph, asOf, { location, form: "short", fetch });
    expect(shared).toEqual({
      ok: true,
      form: "short",
      url: "https://casegraph.example/snapshot/abcdefghijklmnopqrstuv?depth=2",
      notice: "Snapshot link copied",
    });
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe("/api/snapshots");
    expect(init?.method).toBe("POST");
    expectSameGraph((JSON.parse(String(init?.body)) as { snapshot: string }).snapshot);
  });

  it.each([
    [
      "answers 503",
      answering(() =>
        Response.json(
          { error: { status: 503, code: "store_unavailable", message: "not answering" } },
          { status: 503 },
        ),
      ),
    ],
    [
      "cannot be reached",
      vi.fn<typeof fetch>(async () => {
        throw new TypeError("fetch failed");
      }),
    ],
  ])(
    "falls back to the graph in the fragment, and says so, when the server %s",
    async (_, fetch) => {
      const shared = await shareSnapshot(graph, asOf, { location, form: "short", fetch });
      if (!shared.ok) throw new Error(shared.notice);
      expect(shared.form).toBe("fragment");
      expect(shared.url.startsWith("https://casegraph.example/snapshot?depth=2#snapshot=")).toBe(
        true,
      );
      expect(shared.notice).toMatch(/server could not keep it.*in the link itself/);
      expectSameGraph(snapshotFromHash(new URL(shared.url).hash));
      expect(fetch).toHaveBeenCalledTimes(1);
    },
  );

  it("asks the server nothing when it keeps no snapshots", async () => {
    const fetch = answering(() => Response.json({ id: "never" }));
    const shared = await shareSnapshot(graph, asOf, { location, form: "fragment", fetch });
    expect(shared.ok && shared.form).toBe("fragment");
    expect(shared.notice).toBe("Snapshot link copied");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("readStoredSnapshot", () => {
  it("reads the encoded graph a short link names, and reports an expired one as a 404", async () => {
    const ok = answering(() => Response.json({ snapshot: "ABC" }));
    expect(await readStoredSnapshot("abcdefghijklmnopqrstuv", { fetch: ok })).toBe("ABC");
    expect(ok.mock.calls[0]?.[0]).toBe("/api/snapshots/abcdefghijklmnopqrstuv");
    const gone = answering(() =>
      Response.json(
        { error: { status: 404, code: "not_found", message: "expired" } },
        { status: 404 },
      ),
    );
    await expect(readStoredSnapshot("x", { fetch: gone })).rejects.toMatchObject({ status: 404 });
  });
});
