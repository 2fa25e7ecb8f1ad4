import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMPONENT_GAP,
  LAYER_GAP,
  type LayeredEdge,
  type LayeredInput,
  type LayeredNode,
  layeredPositions,
  type Point,
} from "./fast-layered";

const box = (id: string, width = 120, height = 40): LayeredNode => ({ id, width, height });
const link = (source: string, relationship: string, target: string): LayeredEdge => ({
  source,
  target,
  relationship,
});

function at(positions: Map<string, Point>, id: string): Point {
  const point = positions.get(id);
  if (!point) throw new Error(`${id} was not placed`);
  return point;
}

/** Pairs of boxes that overlap (touching is fine). */
function overlapping(nodes: readonly LayeredNode[], positions: Map<string, Point>): string[] {
  const found: string[] = [];
  const sorted = [...nodes].sort((a, b) => at(positions, a.id).x - at(positions, b.id).x);
  const widest = Math.max(0, ...nodes.map((node) => node.width));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as LayeredNode;
    const pa = at(positions, a.id);
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as LayeredNode;
      const pb = at(positions, b.id);
      if (pb.x - pa.x >= widest) break;
      const apartX = Math.abs(pa.x - pb.x) >= (a.width + b.width) / 2 - 1e-6;
      const apartY = Math.abs(pa.y - pb.y) >= (a.height + b.height) / 2 - 1e-6;
      if (!apartX && !apartY) found.push(`${a.id}/${b.id}`);
    }
  }
  return found;
}

const DIRECTED = new Set(["BLOCKS", "CAUSES", "DUPLICATES"]);

/** Whether `to` reaches `from` along directed links: then from → to closes a cycle. */
function inCycle(edges: readonly LayeredEdge[], from: string, to: string): boolean {
  const seen = new Set([to]);
  const queue = [to];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    if (v === from) return true;
    for (const edge of edges) {
      if (edge.source === v && DIRECTED.has(edge.relationship) && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return false;
}

const RELATIONSHIPS = ["BLOCKS", "CAUSES", "DUPLICATES", "RELATES_TO", "SOMETHING_NEW"];

const graphArbitrary = fc
  .record({
    sizes: fc.array(
      fc.record({
        width: fc.integer({ min: 30, max: 220 }),
        height: fc.integer({ min: 20, max: 90 }),
      }),
      { minLength: 1, maxLength: 28 },
    ),
    links: fc.array(
      fc.record({
        source: fc.nat(),
        target: fc.nat(),
        relationship: fc.constantFrom(...RELATIONSHIPS),
      }),
      { maxLength: 50 },
    ),
    root: fc.nat(),
  })
  .map(({ sizes, links, root }): LayeredInput => {
    const nodes = sizes.map((size, i) => ({ id: `case-${i}`, ...size }));
    const id = (n: number) => `case-${n % nodes.length}`;
    return {
      nodes,
      edges: links.map((l) => link(id(l.source), l.relationship, id(l.target))),
      roots: [id(root)],
    };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = items.slice();
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// Generous time limits: property runs and 5,000 nodes on a shared machine; speed is for `pnpm bench`.
describe("layeredPositions", { timeout: 60_000 }, () => {
  it("puts what blocks or causes a case above it, down a chain", () => {
    const positions = layeredPositions({
      nodes: [box("c"), box("b"), box("a")],
      edges: [link("a", "BLOCKS", "b"), link("b", "CAUSES", "c")],
      roots: ["c"],
    });
    expect(at(positions, "a").y).toBeLessThan(at(positions, "b").y);
    expect(at(positions, "b").y).toBeLessThan(at(positions, "c").y);
  });

  it("lets BLOCKS decide the layers over a RELATES_TO pointing the other way", () => {
    const positions = layeredPositions({
      nodes: [box("a"), box("b"), box("c")],
      edges: [link("a", "BLOCKS", "b"), link("b", "BLOCKS", "c"), link("c", "RELATES_TO", "a")],
      roots: ["a"],
    });
    expect(at(positions, "a").y).toBeLessThan(at(positions, "b").y);
    expect(at(positions, "b").y).toBeLessThan(at(positions, "c").y);
  });

  it("keeps entities joined only by RELATES_TO in neighbouring layers, not one wide row", () => {
    const nodes = [box("a"), box("b"), box("c")];
    const positions = layeredPositions({
      nodes,
      edges: [link("a", "RELATES_TO", "b"), link("b", "RELATES_TO", "c")],
      roots: ["a"],
    });
    expect(at(positions, "a").y).toBeLessThan(at(positions, "b").y);
    expect(at(positions, "b").y).toBeLessThan(at(positions, "c").y);
    // Close: one layer apart, one below the other.
    expect(at(positions, "b").y - at(positions, "a").y).toBeLessThan(120);
    expect(Math.abs(at(positions, "b").x - at(positions, "a").x)).toBeLessThan(120);
  });

  it("hangs a chain that only relates to the graph just below what it relates to", () => {
    const positions = layeredPositions({
      nodes: ["a", "b", "c", "d", "x", "y"].map((id) => box(id)),
      edges: [
        link("a", "BLOCKS", "b"),
        link("b", "BLOCKS", "c"),
        link("c", "BLOCKS", "d"),
        link("x", "CAUSES", "y"),
        link("c", "RELATES_TO", "x"),
      ],
      roots: ["a"],
    });
    expect(at(positions, "x").y).toBe(at(positions, "d").y);
    expect(at(positions, "y").y).toBeGreaterThan(at(positions, "d").y);
  });

  it("keeps the picture in place when a new parent appears above the top", () => {
    const input: LayeredInput = {
      nodes: ["a", "b", "c"].map((id) => box(id)),
      edges: [link("a", "BLOCKS", "b"), link("a", "BLOCKS", "c")],
      roots: ["a"],
    };
    const previous = layeredPositions(input);
    const next = layeredPositions({
      nodes: [...input.nodes, box("p")],
      edges: [...input.edges, link("p", "CAUSES", "a")],
      roots: ["a"],
      previous,
    });
    for (const id of ["a", "b", "c"]) expect(at(next, id)).toEqual(at(previous, id));
    expect(at(next, "p").y).toBeLessThan(at(next, "a").y);
  });

  it("breaks a cycle with the root on top and every member on its own layer", () => {
    const positions = layeredPositions({
      nodes: [box("a"), box("b"), box("c")],
      edges: [link("a", "BLOCKS", "b"), link("b", "BLOCKS", "c"), link("c", "BLOCKS", "a")],
      roots: ["b"],
    });
    expect(at(positions, "b").y).toBeLessThan(at(positions, "c").y);
    expect(at(positions, "c").y).toBeLessThan(at(positions, "a").y);
  });

  it("places disconnected parts side by side, the root's part first", () => {
    const nodes = [box("x1"), box("x2"), box("y1"), box("y2"), box("y3"), box("z")];
    const positions = layeredPositions({
      nodes,
      edges: [link("x1", "BLOCKS", "x2"), link("y1", "BLOCKS", "y2"), link("y2", "BLOCKS", "y3")],
      roots: ["x2"],
    });
    const xs = (ids: string[]) => ids.map((id) => at(positions, id).x);
    expect(Math.max(...xs(["x1", "x2"]))).toBeLessThan(Math.min(...xs(["y1", "y2", "y3"])));
    expect(Math.max(...xs(["y1", "y2", "y3"]))).toBeLessThan(at(positions, "z").x);
    // Side by side: every part starts at the top.
    expect(at(positions, "x1").y).toBe(at(positions, "y1").y);
    expect(at(positions, "z").y).toBe(at(positions, "x1").y);
    expect(overlapping(nodes, positions)).toEqual([]);
  });

  it("routes a long edge past the boxes in between and keeps a chain in one column", () => {
    const nodes = [box("a"), box("b"), box("c"), box("d"), box("e", 200)];
    const positions = layeredPositions({
      nodes,
      edges: [
        link("a", "BLOCKS", "b"),
        link("b", "BLOCKS", "c"),
        link("c", "BLOCKS", "d"),
        link("a", "BLOCKS", "d"),
        link("a", "BLOCKS", "e"),
      ],
      roots: ["d"],
    });
    expect(at(positions, "a").y).toBeLessThan(at(positions, "b").y);
    expect(at(positions, "c").y).toBeLessThan(at(positions, "d").y);
    expect(at(positions, "e").y).toBe(at(positions, "b").y);
    // Within a quarter of a box: the chain reads as one column.
    expect(Math.abs(at(positions, "c").x - at(positions, "b").x)).toBeLessThan(30);
    expect(overlapping(nodes, positions)).toEqual([]);
  });

  it("places every node, ignoring links to entities that are not in the graph and self-links", () => {
    const positions = layeredPositions({
      nodes: [box("a"), box("b")],
      edges: [link("a", "BLOCKS", "missing"), link("b", "BLOCKS", "b"), link("a", "CAUSES", "b")],
      roots: ["nowhere"],
    });
    expect([...positions.keys()].sort()).toEqual(["a", "b"]);
    expect(at(positions, "a").y).toBeLessThan(at(positions, "b").y);
  });

  it("never lets two boxes overlap", () => {
    fc.assert(
      fc.property(graphArbitrary, (input) => {
        const positions = layeredPositions(input);
        expect(positions.size).toBe(input.nodes.length);
        expect(overlapping(input.nodes, positions)).toEqual([]);
      }),
    );
  });

  it("gives the same picture whatever order the graph comes in", () => {
    fc.assert(
      fc.property(graphArbitrary, fc.integer({ min: 1, max: 1_000_000 }), (input, seed) => {
        const once = layeredPositions(input);
        const again = layeredPositions({
          ...input,
          nodes: shuffled(input.nodes, seed),
          edges: shuffled(input.edges, seed + 1),
        });
        expect([...again.entries()].sort()).toEqual([...once.entries()].sort());
      }),
    );
  });

  it("draws every BLOCKS, CAUSES or DUPLICATES link that is not in a cycle downwards", () => {
    fc.assert(
      fc.property(graphArbitrary, (input) => {
        const positions = layeredPositions(input);
        for (const edge of input.edges) {
          if (!DIRECTED.has(edge.relationship) || edge.source === edge.target) continue;
          if (inCycle(input.edges, edge.source, edge.target)) continue;
          expect(at(positions, edge.source).y).toBeLessThan(at(positions, edge.target).y);
        }
      }),
    );
  });

  it("moves no placed node further than one box when a leaf is added, and keeps their order", () => {
    fc.assert(
      fc.property(
        graphArbitrary,
        fc.nat(),
        fc.constantFrom("BLOCKS", "CAUSES", "RELATES_TO"),
        (input, parentAt, relationship) => {
          const previous = layeredPositions(input);
          // A directed link gives its parent a layer; one that had none (it hung below what it
          // relates to) takes its place among the layers, which is not a leaf's doing.
          const layered = input.nodes.filter((node) =>
            input.edges.some(
              (edge) =>
                DIRECTED.has(edge.relationship) &&
                edge.source !== edge.target &&
                (edge.source === node.id || edge.target === node.id),
            ),
          );
          const directedLeaf = DIRECTED.has(relationship) && layered.length > 0;
          const candidates = directedLeaf ? layered : input.nodes;
          const parent = candidates[parentAt % candidates.length] as LayeredNode;
          if (!directedLeaf) relationship = "RELATES_TO";
          const leaf = box("new-leaf", 120, 40);
          const next = layeredPositions({
            ...input,
            nodes: [...input.nodes, leaf],
            edges: [...input.edges, link(parent.id, relationship, leaf.id)],
            previous,
          });
          const nodes = [...input.nodes, leaf];
          expect(overlapping(nodes, next)).toEqual([]);
          // Small: at most the room the leaf takes (a box and a gap either way), whatever the
          // size of the graph.
          const widest = Math.max(leaf.width, ...input.nodes.map((node) => node.width));
          for (const node of input.nodes) {
            const before = at(previous, node.id);
            const after = at(next, node.id);
            expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(widest + COMPONENT_GAP);
            expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(
              leaf.height + LAYER_GAP + COMPONENT_GAP,
            );
          }
          for (const a of input.nodes) {
            for (const b of input.nodes) {
              const [pa, pb] = [at(previous, a.id), at(previous, b.id)];
              // Nodes that shared a row and still do keep their left-to-right order.
              if (pa.y !== pb.y || pa.x >= pb.x || at(next, a.id).y !== at(next, b.id).y) continue;
              expect(at(next, a.id).x).toBeLessThan(at(next, b.id).x);
            }
          }
        },
      ),
    );
  });

  it("lays out 5,000 entities with every box apart and every chain downwards", () => {
    const nodes: LayeredNode[] = [];
    const edges: LayeredEdge[] = [];
    let state = 7;
    const random = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state % n;
    };
    for (let i = 0; i < 5_000; i++) {
      nodes.push(box(`case-${i}`, 100 + random(80), 40 + random(30)));
      if (i > 0)
        edges.push(link(`case-${random(i)}`, i % 3 === 0 ? "CAUSES" : "BLOCKS", `case-${i}`));
      if (i > 10 && i % 4 === 0) edges.push(link(`case-${i}`, "RELATES_TO", `case-${random(i)}`));
      if (i > 10 && i % 7 === 0) edges.push(link(`case-${random(i)}`, "BLOCKS", `case-${i}`));
    }
    const positions = layeredPositions({ nodes, edges, roots: ["case-0"] });
    expect(positions.size).toBe(5_000);
    expect(overlapping(nodes, positions)).toEqual([]);
    for (const edge of edges) {
      if (edge.relationship === "RELATES_TO") continue;
      expect(at(positions, edge.source).y).toBeLessThan(at(positions, edge.target).y);
    }
  });
});
