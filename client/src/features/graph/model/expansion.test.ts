import type { EntityRef, Link } from "@casegraph/server/contract";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { GraphSnapshot } from "../../../lib/graph-types";
import { Expansion } from "./expansion";
import { caseKey, flush, heldBackend, labelOf, link, linksOf } from "./test-graph";
import { DEFAULT_UPSTREAM } from "./upstream-closure";

const ROOT: EntityRef = { type: "CASE", id: "a" };

function startExpansion(
  all: Link[],
  options: {
    depth: number;
    cap?: number;
    root?: EntityRef;
    upstream?: string[];
    expanded?: string[];
  } = { depth: 3 },
) {
  const backend = heldBackend(all);
  const expansion = new Expansion({
    root: options.root ?? ROOT,
    depth: options.depth,
    cap: options.cap,
    upstream: options.upstream,
    expanded: options.expanded,
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
  it("tells each links lookup how many hops the graph shows past that entity, and its cap", async () => {
    const all = [link("l1", "a", "b"), link("l2", "b", "c"), link("l3", "c", "d")];
    const hints = new Map<string, unknown>();
    const expansion = new Expansion({
      root: ROOT,
      depth: 2,
      cap: 40,
      loadLinks: async (ref, hint) => {
        hints.set(ref.id, hint);
        return linksOf(all, ref);
      },
      loadLabel: async (ref) => labelOf(ref),
    });
    expansion.start();
    await flush();
    await flush();
    // c is at the depth: its links are read for the links among the shown, nothing past it.
    expect(Object.fromEntries(hints)).toEqual({
      a: { ahead: 2, cap: 40 },
      b: { ahead: 1, cap: 40 },
      c: undefined,
    });
  });

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
      // Pointing at the root, but not along BLOCKS or CAUSES: only the depth decides.
      const all = [
        link("ba", "b", "a", "DUPLICATES"),
        link("cb", "c", "b", "DUPLICATES"),
        link("dc", "d", "c", "DUPLICATES"),
      ];
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

  describe("the upstream closure", () => {
    // The demo's shape: p causes q causes r causes s, which blocks the root a; a relates to b.
    const chain = [
      link("pq", "p", "q", "CAUSES"),
      link("qr", "q", "r", "CAUSES"),
      link("rs", "r", "s", "CAUSES"),
      link("sa", "s", "a", "BLOCKS"),
      link("ab", "a", "b", "RELATES_TO"),
    ];

    it("shows what blocks and caused the root however far, with hops along the way", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 1 });
      await backend.answerAll();
      const snapshot = expansion.getSnapshot();
      expect(hops(snapshot)).toEqual({ a: 0, b: 1, s: 1, r: 2, q: 3, p: 4 });
      expect(edgeIds(snapshot)).toEqual(["ab", "pq", "qr", "rs", "sa"]);
      expect(backend.linkCalls.sort()).toEqual(["a", "b", "p", "q", "r", "s"].map(caseKey));
    });

    it("reads ancestors' links but leaves their other neighbours hidden, flagging them frontier", async () => {
      const all = [
        ...chain,
        // r's other child y and its relative x are not ancestors, and too far from a.
        link("ry", "r", "y", "BLOCKS"),
        link("xr", "x", "r", "RELATES_TO"),
        // q and b are both shown: the link between them is too.
        link("qb", "q", "b", "RELATES_TO"),
      ];
      const { expansion, backend } = startExpansion(all, { depth: 1 });
      await backend.answerAll();
      const snapshot = expansion.getSnapshot();
      expect(Object.keys(hops(snapshot)).sort()).toEqual(["a", "b", "p", "q", "r", "s"]);
      expect(edgeIds(snapshot)).toEqual(["ab", "pq", "qb", "qr", "rs", "sa"]);
      expect(backend.linkCalls).not.toContain(caseKey("x"));
      expect(backend.labelCalls).not.toContain(caseKey("y"));
      const frontier = [...snapshot.nodes.values()].filter((n) => n.frontier).map((n) => n.id);
      expect(frontier).toEqual(["r"]);
      expect(hops(snapshot)).toMatchObject({ q: 2 });
      expect(expansion.stats().leftOut).toBe(0);
    });

    it("counts hops through shown entities only, never through a hidden short cut", async () => {
      // p is four BLOCKS links above a, and three hops away through x and the hidden n.
      const all = [
        link("pq", "p", "q"),
        link("qr", "q", "r"),
        link("rs", "r", "s"),
        link("sa", "s", "a"),
        link("ax", "a", "x", "RELATES_TO"),
        link("xn", "x", "n", "RELATES_TO"),
        link("np", "n", "p", "RELATES_TO"),
      ];
      const { expansion, backend } = startExpansion(all, { depth: 1 });
      await backend.answerAll();
      const snapshot = expansion.getSnapshot();
      expect(hops(snapshot)).toEqual({ a: 0, x: 1, s: 1, r: 2, q: 3, p: 4 });
      expect(snapshot.nodes.get(caseKey("p"))?.frontier).toBe(true);
    });

    it("follows only the relationships asked for, and none when given none", async () => {
      const all = [
        ...chain,
        link("da", "d", "a", "DUPLICATES"),
        link("ed", "e", "d", "DUPLICATES"),
      ];
      const duplicates = startExpansion(all, { depth: 0, upstream: ["DUPLICATES"] });
      await duplicates.backend.answerAll();
      expect(hops(duplicates.expansion.getSnapshot())).toEqual({ a: 0, d: 1, e: 2 });

      const off = startExpansion(all, { depth: 1, upstream: [] });
      await off.backend.answerAll();
      expect(hops(off.expansion.getSnapshot())).toEqual({ a: 0, b: 1, s: 1, d: 1 });
    });

    it("follows links read before their child was known to be an ancestor", async () => {
      // Blocking chain q -> p -> t -> s -> a; p is also two hops away through m.
      const all = [
        link("qp", "q", "p"),
        link("pt", "p", "t"),
        link("ts", "t", "s"),
        link("sa", "s", "a"),
        link("am", "a", "m", "RELATES_TO"),
        link("mp", "m", "p", "RELATES_TO"),
      ];
      const { expansion, backend } = startExpansion(all, { depth: 2 });
      await backend.answerLinks(caseKey("a"));
      await backend.answerLinks(caseKey("m"));
      await backend.answerLinks(caseKey("p"));
      // p's links are in, but nothing says yet that t (and so p) blocks a.
      expect(Object.keys(hops(expansion.getSnapshot())).sort()).toEqual(["a", "m", "p", "s"]);

      await backend.answerLinks(caseKey("s"));
      expect(hops(expansion.getSnapshot())).toMatchObject({ t: 2, p: 2, q: 3 });
      await backend.answerAll();
      expect(hops(expansion.getSnapshot())).toEqual({ a: 0, s: 1, m: 1, t: 2, p: 2, q: 3 });
    });

    it("counts ancestors against the cap", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 0, cap: 3 });
      await backend.answerAll();
      expect(hops(expansion.getSnapshot())).toEqual({ a: 0, s: 1, r: 2 });
      expect(expansion.stats().leftOut).toBe(1);
      expect(expansion.getSnapshot().incomplete).toBe(true);
    });
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

    it("expands by entity id from the start, even an entity only an expansion brings in", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 1, expanded: ["b", "c"] });
      await backend.answerAll();
      expect(hops(expansion.getSnapshot())).toEqual({ a: 0, b: 1, c: 2, b2: 2, d: 3 });
    });

    it("expands by entity id later, at once when the entity is shown", async () => {
      const { expansion, backend } = startExpansion(chain, { depth: 1 });
      await backend.answerAll();
      expansion.expandId("b");
      await backend.answerAll();
      expect(hops(expansion.getSnapshot())).toEqual({ a: 0, b: 1, c: 2, b2: 2 });
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

/** Ids within `depth` link hops of the root, either direction: a plain breadth-first search. */
function withinDepth(all: Link[], rootId: string, depth: number): Set<string> {
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
  return new Set(hop.keys());
}

/** The root and everything above it: child to parent along `relationships`, with no limit. */
function upstreamOf(all: Link[], rootId: string, relationships: readonly string[]): Set<string> {
  const found = new Set([rootId]);
  const queue = [rootId];
  for (const id of queue) {
    for (const l of all) {
      const parent = l.attributes.parent_entity_id;
      if (l.attributes.child_entity_id !== id || !relationships.includes(l.attributes.relationship))
        continue;
      if (found.has(parent)) continue;
      found.add(parent);
      queue.push(parent);
    }
  }
  return found;
}

/**
 * What the engine must show: within depth ∪ the upstream closure, hops by a breadth-first
 * search through shown entities only, and every link between shown entities.
 */
function reference(all: Link[], rootId: string, depth: number, upstream: readonly string[]) {
  const shown = new Set([...withinDepth(all, rootId, depth), ...upstreamOf(all, rootId, upstream)]);
  const both = (l: Link) =>
    shown.has(l.attributes.parent_entity_id) && shown.has(l.attributes.child_entity_id);
  const hop = new Map<string, number>([[rootId, 0]]);
  const queue = [rootId];
  for (const id of queue) {
    for (const l of linksOf(all, { type: "CASE", id }).filter(both)) {
      for (const other of [l.attributes.parent_entity_id, l.attributes.child_entity_id]) {
        if (!hop.has(other)) {
          hop.set(other, (hop.get(id) ?? 0) + 1);
          queue.push(other);
        }
      }
    }
  }
  const edges = all
    .filter(both)
    .map((l) => l.id)
    .sort();
  const frontier = [...shown]
    .filter((id) => linksOf(all, { type: "CASE", id }).some((l) => !both(l)))
    .sort();
  return { hops: Object.fromEntries(hop), edges, frontier };
}

const RELATIONSHIPS = ["BLOCKS", "CAUSES", "DUPLICATES", "RELATES_TO"];

/**
 * A random tree around n0 (each node linked to an earlier one, either way round, mostly along
 * BLOCKS or CAUSES, so long ancestor chains are common) plus random extra links, the short cuts
 * and cycles that make answers arriving in another order find other paths first.
 */
const randomGraph = fc
  .integer({ min: 2, max: 14 })
  .chain((size) =>
    fc.record({
      tree: fc.array(
        fc.tuple(fc.nat(), fc.constantFrom("BLOCKS", "CAUSES", "RELATES_TO"), fc.boolean()),
        { minLength: size - 1, maxLength: size - 1 },
      ),
      extra: fc.array(
        fc.tuple(fc.nat(size - 1), fc.nat(size - 1), fc.constantFrom(...RELATIONSHIPS)),
        { maxLength: size },
      ),
      // Small depths leave most ancestors past the depth, where the closure matters.
      depth: fc.integer({ min: 0, max: 3 }),
      upstream: fc.option(fc.subarray(RELATIONSHIPS), { nil: undefined, freq: 4 }),
    }),
  )
  .map(({ tree, extra, depth, upstream }) => ({
    links: [
      ...tree.map(([earlier, relationship, upward], k) => {
        const [child, other] = [`n${k + 1}`, `n${earlier % (k + 1)}`];
        return upward
          ? link(`t${k + 1}`, child, other, relationship)
          : link(`t${k + 1}`, other, child, relationship);
      }),
      ...extra.map(([p, c, relationship], i) => link(`l${i}`, `n${p}`, `n${c}`, relationship)),
    ],
    depth,
    upstream,
  }));

describe("Expansion against a plain breadth-first search joined with the upstream closure", () => {
  it("shows the same nodes, hops, edges and frontier whatever order the answers come in", async () => {
    await fc.assert(
      fc.asyncProperty(randomGraph, fc.scheduler(), async ({ links, depth, upstream }, s) => {
        const linkCalls: string[] = [];
        const expansion = new Expansion({
          root: { type: "CASE", id: "n0" },
          depth,
          upstream,
          cap: 1000,
          loadLinks: s.scheduleFunction(async (ref: EntityRef) => {
            linkCalls.push(ref.id);
            return linksOf(links, ref);
          }),
          loadLabel: s.scheduleFunction(async (ref: EntityRef) => labelOf(ref)),
        });
        expansion.start();
        await s.waitIdle();

        const expected = reference(links, "n0", depth, upstream ?? DEFAULT_UPSTREAM);
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
