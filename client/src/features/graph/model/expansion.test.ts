import type { EntityRef, Link } from "@casegraph/server/contract";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { GraphSnapshot } from "../../../lib/graph-types";
import { Expansion } from "./expansion";
import { caseKey, flush, heldBackend, labelOf, link, linksOf } from "./test-graph";

const ROOT: EntityRef = { type: "CASE", id: "a" };

function startExpansion(
  all: Link[],
  options: { depth: number; cap?: number; root?: EntityRef } = { depth: 3 },
) {
  const backend = heldBackend(all);
  const expansion = new Expansion({
    root: options.root ?? ROOT,
    depth: options.depth,
    cap: options.cap,
    loadLinks: backend.loadLinks,
    loadLabel: backend.loadLabel,
  });
  expansion.start();
  return { backend, expansion };
}

/** Shown nodes as `id -> hop`, for assertions that read like the graph. */
function hops(snapshot: GraphSnapshot): Record<string, number> {
  return Object.fromEntries([...snapshot.nodes.values()].map((n) => [n.id, n.hop]));
}

function edgeIds(snapshot: GraphSnapshot): string[] {
  return snapshot.edges.map((e) => e.id).sort();
}

const notFound = { status: 404, code: "not_found", message: "Case b was not found." };

describe("Expansion", () => {
  it("shows the root alone, with its lookups pending, until answers arrive", () => {
    const { expansion, backend } = startExpansion([link("l1", "a", "b")]);
    const snapshot = expansion.getSnapshot();
    expect(snapshot.rootKey).toBe(caseKey("a"));
    expect(hops(snapshot)).toEqual({ a: 0 });
    expect(snapshot.nodes.get(caseKey("a"))).toMatchObject({
      linksStatus: "pending",
      labelStatus: "pending",
    });
    expect(snapshot.incomplete).toBe(true);
    expect(backend.linkCalls).toEqual([caseKey("a")]);
    expect(backend.labelCalls).toEqual([caseKey("a")]);
  });

  it("merges answers into one graph and attaches labels", async () => {
    const { expansion, backend } = startExpansion([link("l1", "a", "b"), link("l2", "c", "a")]);
    await backend.answerAll();
    const snapshot = expansion.getSnapshot();
    expect(hops(snapshot)).toEqual({ a: 0, b: 1, c: 1 });
    expect(snapshot.edges).toEqual([
      { id: "l1", source: caseKey("a"), target: caseKey("b"), relationship: "BLOCKS" },
      { id: "l2", source: caseKey("c"), target: caseKey("a"), relationship: "BLOCKS" },
    ]);
    expect(snapshot.nodes.get(caseKey("b"))?.label).toEqual(labelOf({ type: "CASE", id: "b" }));
    expect(snapshot.incomplete).toBe(false);
    expect(expansion.isSettled()).toBe(true);
    expect(expansion.stats()).toEqual({ entities: 3, links: 2, pending: 0, failed: 0, leftOut: 0 });
  });

  it("requests a node's neighbours as soon as its own answer arrives, not after its level", async () => {
    const { backend } = startExpansion([
      link("l1", "a", "b"),
      link("l2", "a", "c"),
      link("l3", "b", "d"),
    ]);
    await backend.answerLinks(caseKey("a"));
    await backend.answerLinks(caseKey("b"));
    // c has not answered, yet d (b's neighbour) is already being looked up.
    expect(backend.waitingLinks().sort()).toEqual([caseKey("c"), caseKey("d")]);
  });

  it("looks up each entity once, however many cycles lead back to it", async () => {
    const all = [
      link("l1", "a", "b"),
      link("l2", "b", "c"),
      link("l3", "c", "a"),
      link("l4", "c", "b"),
    ];
    const { expansion, backend } = startExpansion(all, { depth: 10 });
    await backend.answerAll();
    expect(backend.linkCalls.sort()).toEqual([caseKey("a"), caseKey("b"), caseKey("c")]);
    expect(backend.labelCalls).toHaveLength(3);
    expect(edgeIds(expansion.getSnapshot())).toEqual(["l1", "l2", "l3", "l4"]);
  });

  it("keeps one edge for a link both ends report, and keeps self-links", async () => {
    const { expansion, backend } = startExpansion([link("l1", "a", "b"), link("self", "b", "b")]);
    await backend.answerAll();
    expect(edgeIds(expansion.getSnapshot())).toEqual(["l1", "self"]);
  });

  describe("depth", () => {
    // a - b - c - d, and b - e - c: at depth 2 d is one hop too far.
    const chain = [
      link("ab", "a", "b"),
      link("bc", "b", "c"),
      link("cd", "c", "d"),
      link("be", "b", "e"),
      link("ec", "e", "c"),
    ];

    it("shows every entity within depth hops, reading links in either direction", async () => {
      const all = [link("ba", "b", "a"), link("cb", "c", "b"), link("dc", "d", "c")];
      const { expansion, backend } = startExpansion(all, { depth: 2 });
      await backend.answerAll();
      expect(hops(expansion.getSnapshot())).toEqual({ a: 0, b: 1, c: 2 });
    });

    it("shows the links among the last level's entities", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 2 });
      await backend.answerAll();
      const snapshot = expansion.getSnapshot();
      expect(hops(snapshot)).toEqual({ a: 0, b: 1, c: 2, e: 2 });
      expect(edgeIds(snapshot)).toEqual(["ab", "bc", "be", "ec"]);
    });

    it("reads the last level's links but neither shows nor looks up what lies beyond", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 2 });
      await backend.answerAll();
      expect(backend.linkCalls).not.toContain(caseKey("d"));
      expect(backend.labelCalls).not.toContain(caseKey("d"));
      expect(expansion.getSnapshot().nodes.has(caseKey("d"))).toBe(false);
    });

    it("flags as frontier exactly the nodes with links to entities not shown", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 2 });
      await backend.answerAll();
      const frontier = [...expansion.getSnapshot().nodes.values()]
        .filter((n) => n.frontier)
        .map((n) => n.id);
      expect(frontier).toEqual(["c"]);
    });
  });

  it("lowers hops, and shows what they bring within depth, when a shorter path answers late", async () => {
    // a - x - y - z - v - w answers first; the shorter a - c - d - v is only known once c answers.
    const all = [
      link("ax", "a", "x"),
      link("xy", "x", "y"),
      link("yz", "y", "z"),
      link("zv", "z", "v"),
      link("vw", "v", "w"),
      link("ac", "a", "c"),
      link("cd", "c", "d"),
      link("dv", "d", "v"),
      link("wq", "w", "q"),
    ];
    const { expansion, backend } = startExpansion(all, { depth: 4 });
    for (const id of ["a", "x", "y", "z", "v"]) await backend.answerLinks(caseKey(id));
    expect(hops(expansion.getSnapshot())).toMatchObject({ v: 4 });
    expect(expansion.getSnapshot().nodes.has(caseKey("w"))).toBe(false);

    await backend.answerLinks(caseKey("c"));
    expect(hops(expansion.getSnapshot())).toMatchObject({ d: 2, v: 3, w: 4 });
    expect(backend.waitingLinks()).toContain(caseKey("w"));
    await backend.answerAll();
    const snapshot = expansion.getSnapshot();
    expect(hops(snapshot)).toEqual({ a: 0, x: 1, c: 1, y: 2, d: 2, z: 3, v: 3, w: 4 });
    expect(snapshot.nodes.get(caseKey("w"))?.frontier).toBe(true);
    expect(snapshot.nodes.has(caseKey("q"))).toBe(false);
  });

  describe("the cap", () => {
    const star = ["b", "c", "d", "e", "f"].map((id) => link(`a${id}`, "a", id));

    it("stops adding entities at the cap and counts those left out", async () => {
      const { expansion, backend } = startExpansion(star, { depth: 1, cap: 3 });
      await backend.answerAll();
      const snapshot = expansion.getSnapshot();
      expect(snapshot.nodes.size).toBe(3);
      expect(expansion.stats().leftOut).toBe(3);
      expect(snapshot.incomplete).toBe(true);
      expect(snapshot.nodes.get(caseKey("a"))?.frontier).toBe(true);
      expect(backend.linkCalls).toHaveLength(3);
    });

    it("does not count entities beyond the depth as left out", async () => {
      const { expansion, backend } = startExpansion([...star, link("bz", "b", "z")], {
        depth: 1,
        cap: 10,
      });
      await backend.answerAll();
      expect(expansion.stats().leftOut).toBe(0);
      expect(expansion.getSnapshot().incomplete).toBe(false);
    });
  });

  describe("expand", () => {
    const chain = [
      link("ab", "a", "b"),
      link("bc", "b", "c"),
      link("cd", "c", "d"),
      link("bb2", "b", "b2"),
    ];

    it("shows one more hop from the node, past the depth, and reads the new nodes' links", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 1 });
      await backend.answerAll();
      expect(hops(expansion.getSnapshot())).toEqual({ a: 0, b: 1 });

      expansion.expand(caseKey("b"));
      await backend.answerAll();
      const snapshot = expansion.getSnapshot();
      expect(hops(snapshot)).toEqual({ a: 0, b: 1, c: 2, b2: 2 });
      expect(backend.linkCalls).toContain(caseKey("c"));
      expect(snapshot.nodes.has(caseKey("d"))).toBe(false);
      expect(snapshot.nodes.get(caseKey("c"))?.frontier).toBe(true);
      expect(snapshot.nodes.get(caseKey("b"))?.frontier).toBe(false);
    });

    it("waits for the node's links when they are not in yet", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 1 });
      await backend.answerLinks(caseKey("a"));
      expansion.expand(caseKey("b"));
      await backend.answerLinks(caseKey("b"));
      expect(hops(expansion.getSnapshot())).toMatchObject({ c: 2, b2: 2 });
    });

    it("ignores a node that is not shown", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 1 });
      await backend.answerAll();
      const before = expansion.getSnapshot();
      expansion.expand(caseKey("d"));
      expect(expansion.getSnapshot()).toBe(before);
    });
  });

  describe("failures", () => {
    it("marks a node whose links failed, and retry fills it in", async () => {
      const { expansion, backend } = startExpansion([link("ab", "a", "b"), link("bc", "b", "c")]);
      await backend.answerLinks(caseKey("a"));
      await backend.failLinks(caseKey("b"), notFound);
      await backend.answerAll();

      let snapshot = expansion.getSnapshot();
      expect(snapshot.nodes.get(caseKey("b"))).toMatchObject({
        linksStatus: "error",
        linksError: notFound,
      });
      expect(snapshot.incomplete).toBe(true);
      expect(expansion.stats().failed).toBe(1);
      expect(expansion.isSettled()).toBe(true);

      expansion.retry(caseKey("b"));
      expect(expansion.isSettled()).toBe(false);
      await backend.answerAll();
      snapshot = expansion.getSnapshot();
      expect(snapshot.nodes.get(caseKey("b"))?.linksStatus).toBe("done");
      expect(snapshot.nodes.get(caseKey("b"))?.linksError).toBeUndefined();
      expect(hops(snapshot)).toEqual({ a: 0, b: 1, c: 2 });
      expect(snapshot.incomplete).toBe(false);
    });

    it("marks a failed label and retries only what failed", async () => {
      const { expansion, backend } = startExpansion([]);
      await backend.failLabel(caseKey("a"), new TypeError("Failed to fetch"));
      await backend.answerAll();
      expect(expansion.getSnapshot().nodes.get(caseKey("a"))).toMatchObject({
        labelStatus: "error",
        labelError: { status: 0, code: "network_error", message: "Failed to fetch" },
        linksStatus: "done",
      });

      expansion.retry(caseKey("a"));
      expect(backend.linkCalls).toEqual([caseKey("a")]);
      expect(backend.labelCalls).toEqual([caseKey("a"), caseKey("a")]);
      await backend.answerAll();
      expect(expansion.getSnapshot().nodes.get(caseKey("a"))?.label?.title).toBe("Title of a");
    });

    it("treats a loader that throws as a failed lookup", async () => {
      const expansion = new Expansion({
        root: ROOT,
        depth: 2,
        loadLinks: () => {
          throw new Error("boom");
        },
        loadLabel: async (ref) => labelOf(ref),
      });
      expansion.start();
      await flush();
      expect(expansion.getSnapshot().nodes.get(caseKey("a"))?.linksStatus).toBe("error");
    });
  });

  it("shows entities of a type it does not know, without looking them up", async () => {
    const { expansion, backend } = startExpansion([link("l1", "a", "RUNBOOK:r1", "MITIGATES")]);
    await backend.answerAll();
    const node = expansion.getSnapshot().nodes.get("RUNBOOK:r1");
    expect(node).toMatchObject({ type: "RUNBOOK", id: "r1", hop: 1, labelStatus: "done" });
    expect(node?.linksStatus).toBeUndefined();
    expect(backend.linkCalls).toEqual([caseKey("a")]);
    expect(expansion.getSnapshot().edges[0]?.relationship).toBe("MITIGATES");
  });

  it("keeps the same snapshot until something changes, and reuses unchanged nodes", async () => {
    const { expansion, backend } = startExpansion([link("ab", "a", "b")]);
    await backend.answerLinks(caseKey("a"));
    const first = expansion.getSnapshot();
    expect(expansion.getSnapshot()).toBe(first);

    await backend.answerLabel(caseKey("b"));
    const second = expansion.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.nodes.get(caseKey("a"))).toBe(first.nodes.get(caseKey("a")));
    expect(second.nodes.get(caseKey("b"))).not.toBe(first.nodes.get(caseKey("b")));
  });

  it("tells subscribers about each change until they unsubscribe", async () => {
    const { expansion, backend } = startExpansion([link("ab", "a", "b")]);
    const listener = vi.fn();
    const unsubscribe = expansion.subscribe(listener);
    await backend.answerLinks(caseKey("a"));
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await backend.answerAll();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("ignores answers that arrive after dispose", async () => {
    const { expansion, backend } = startExpansion([link("ab", "a", "b")]);
    const listener = vi.fn();
    expansion.subscribe(listener);
    const before = expansion.getSnapshot();
    expansion.dispose();
    await backend.answerAll();
    expect(listener).not.toHaveBeenCalled();
    expect(expansion.getSnapshot()).toBe(before);
    expect(backend.linkCalls).toEqual([caseKey("a")]);
  });
});

/** What a plain breadth-first search to `depth` shows: the reference the engine must equal. */
function breadthFirst(all: Link[], rootId: string, depth: number) {
  const hop = new Map<string, number>([[rootId, 0]]);
  const queue = [rootId];
  for (const id of queue) {
    const h = hop.get(id) ?? 0;
    if (h >= depth) continue;
    for (const l of linksOf(all, { type: "CASE", id })) {
      for (const other of [l.attributes.parent_entity_id, l.attributes.child_entity_id]) {
        if (!hop.has(other)) {
          hop.set(other, h + 1);
          queue.push(other);
        }
      }
    }
  }
  const edges = all
    .filter((l) => hop.has(l.attributes.parent_entity_id) && hop.has(l.attributes.child_entity_id))
    .map((l) => l.id)
    .sort();
  const frontier = [...hop.keys()]
    .filter((id) =>
      linksOf(all, { type: "CASE", id }).some(
        (l) => !hop.has(l.attributes.parent_entity_id) || !hop.has(l.attributes.child_entity_id),
      ),
    )
    .sort();
  return { hops: Object.fromEntries(hop), edges, frontier };
}

const randomGraph = fc
  .integer({ min: 1, max: 16 })
  .chain((size) =>
    fc.record({
      // Sparse graphs give long paths, where a late short cut has the most to correct.
      pairs: fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 2 * size }),
      depth: fc.integer({ min: 1, max: 5 }),
    }),
  )
  .map(({ pairs, depth }) => ({
    links: pairs.map(([p, c], i) => link(`l${i}`, `n${p}`, `n${c}`)),
    depth,
  }));

describe("Expansion against a plain breadth-first search", () => {
  it("shows the same nodes, hops, edges and frontier whatever order the answers come in", async () => {
    await fc.assert(
      fc.asyncProperty(randomGraph, fc.scheduler(), async ({ links, depth }, s) => {
        const linkCalls: string[] = [];
        const expansion = new Expansion({
          root: { type: "CASE", id: "n0" },
          depth,
          cap: 1000,
          loadLinks: s.scheduleFunction(async (ref: EntityRef) => {
            linkCalls.push(ref.id);
            return linksOf(links, ref);
          }),
          loadLabel: s.scheduleFunction(async (ref: EntityRef) => labelOf(ref)),
        });
        expansion.start();
        await s.waitIdle();

        const expected = breadthFirst(links, "n0", depth);
        const snapshot = expansion.getSnapshot();
        expect(hops(snapshot)).toEqual(expected.hops);
        expect(edgeIds(snapshot)).toEqual(expected.edges);
        const frontier = [...snapshot.nodes.values()].filter((n) => n.frontier).map((n) => n.id);
        expect(frontier.sort()).toEqual(expected.frontier);
        expect(linkCalls.sort()).toEqual(Object.keys(expected.hops).sort());
        expect(expansion.isSettled()).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
