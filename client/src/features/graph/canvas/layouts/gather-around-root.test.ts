import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Size } from "../node-size";
import { gatherAroundRoot } from "./gather-around-root";
import type { Point } from "./point";

const BOX = { w: 196, h: 56 };
const at = (entries: Record<string, [number, number]>) =>
  new Map(Object.entries(entries).map(([id, [x, y]]) => [id, { x, y }]));
const sizesOf = (positions: ReadonlyMap<string, Point>) =>
  new Map([...positions.keys()].map((id) => [id, BOX]));

function overlapping(
  positions: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, Size> = sizesOf(positions),
): string[] {
  const ids = [...positions.keys()];
  const pairs: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [p, q] = [ids[i] as string, ids[j] as string];
      const a = positions.get(p) as Point;
      const b = positions.get(q) as Point;
      const [sa, sb] = [sizes.get(p) ?? BOX, sizes.get(q) ?? BOX];
      if (Math.abs(a.x - b.x) < (sa.w + sb.w) / 2 && Math.abs(a.y - b.y) < (sa.h + sb.h) / 2)
        pairs.push(`${p} / ${q}`);
    }
  }
  return pairs;
}

function spanOf(positions: ReadonlyMap<string, Point>, ids: readonly string[]) {
  const xs = ids.map((id) => positions.get(id)?.x ?? 0);
  const ys = ids.map((id) => positions.get(id)?.y ?? 0);
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

describe("gatherAroundRoot", () => {
  it("curls a chain that ran far out in one direction close around the root", () => {
    // A blocking chain laid out in a straight line to the left, 400 px apart.
    const positions = at({
      root: [0, 0],
      b1: [-400, 0],
      b2: [-800, 0],
      b3: [-1200, 0],
      b4: [-1600, 0],
      far: [1200, 600],
    });
    const focus = new Set(["root", "b1", "b2", "b3", "b4"]);
    const gathered = gatherAroundRoot(positions, sizesOf(positions), focus, "root");
    const chain = ["root", "b1", "b2", "b3", "b4"];
    expect(spanOf(positions, chain).w).toBe(1600);
    // Five boxes around the root: no wider than three boxes side by side with their gaps.
    expect(spanOf(gathered, chain).w).toBeLessThanOrEqual(3 * BOX.w + 2 * 24);
    expect(overlapping(gathered)).toEqual([]);
    // The first blocker keeps its side of the root; the root and what is not in the way stay.
    expect(gathered.get("b1")?.x).toBeLessThan(0);
    expect(gathered.get("root")).toEqual({ x: 0, y: 0 });
    expect(gathered.get("far")).toEqual({ x: 1200, y: 600 });
  });

  it("moves the others out of the gathered block along their line, and only those", () => {
    const positions = at({
      root: [0, 0],
      blocker: [0, 900],
      // Where the blocker will land, just below the root.
      inTheWay: [0, 90],
      aside: [700, 0],
    });
    const gathered = gatherAroundRoot(
      positions,
      sizesOf(positions),
      new Set(["root", "blocker"]),
      "root",
    );
    expect(overlapping(gathered)).toEqual([]);
    expect(gathered.get("blocker")?.y).toBeLessThan(200);
    const moved = gathered.get("inTheWay") as Point;
    // Straight on along its line from the root: still below it, further out.
    expect(moved.x).toBeCloseTo(0, 6);
    expect(moved.y).toBeGreaterThan(gathered.get("blocker")?.y ?? 0);
    expect(gathered.get("aside")).toEqual({ x: 700, y: 0 });
  });

  it("leaves no pair overlapping, even where the layout did", () => {
    const positions = at({ root: [0, 0], a: [400, 0], b: [420, 10], c: [430, 20] });
    const gathered = gatherAroundRoot(positions, sizesOf(positions), new Set(["root"]), "root");
    expect(overlapping(positions)).toHaveLength(3);
    expect(overlapping(gathered)).toEqual([]);
  });

  it("gives the same places whatever order the positions come in", () => {
    const entries: Record<string, [number, number]> = {};
    for (let i = 0; i < 40; i++) entries[`n${i}`] = [((i * 37) % 11) * 150, ((i * 53) % 7) * 90];
    const positions = at({ root: [600, 300], ...entries });
    const reversed = new Map([...positions].reverse());
    const focus = new Set(["root", "n3", "n17", "n29", "n31"]);
    const a = gatherAroundRoot(positions, sizesOf(positions), focus, "root");
    const b = gatherAroundRoot(reversed, sizesOf(reversed), focus, "root");
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
    expect(overlapping(a)).toEqual([]);
  });

  it("keeps boxes of every size apart, whatever the layout left and whatever is in the way", () => {
    const kinds: Size[] = [
      { w: 236, h: 72 },
      { w: 196, h: 56 },
      { w: 120, h: 40 },
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: -900, max: 900 }),
            y: fc.integer({ min: -600, max: 600 }),
            kind: fc.integer({ min: 1, max: 2 }),
            inTheWay: fc.boolean(),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (nodes) => {
          const positions = new Map<string, Point>([["root", { x: 0, y: 0 }]]);
          const sizes = new Map<string, Size>([["root", kinds[0] as Size]]);
          const focus = new Set(["root"]);
          nodes.forEach((node, i) => {
            positions.set(`n${i}`, { x: node.x, y: node.y });
            sizes.set(`n${i}`, kinds[node.kind] as Size);
            if (node.inTheWay) focus.add(`n${i}`);
          });
          const gathered = gatherAroundRoot(positions, sizes, focus, "root");
          expect([...gathered.keys()].sort()).toEqual([...positions.keys()].sort());
          expect(overlapping(gathered, sizes)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("lays out a graph of thousands in one pass, and leaves a node at no finite place alone", () => {
    const positions = new Map<string, Point>([["root", { x: 0, y: 0 }]]);
    const focus = new Set(["root"]);
    for (let i = 0; i < 3_000; i++) {
      positions.set(`n${i}`, { x: (i % 60) * 240, y: Math.floor(i / 60) * 100 });
      if (i % 10 === 0) focus.add(`n${i}`);
    }
    positions.set("lost", { x: Number.POSITIVE_INFINITY, y: 0 });
    const gathered = gatherAroundRoot(positions, sizesOf(positions), focus, "root");
    expect(gathered.size).toBe(positions.size);
    expect(gathered.get("lost")).toEqual({ x: Number.POSITIVE_INFINITY, y: 0 });
    gathered.delete("lost");
    // What is in the way (300 nodes) now sits round the root, within a few screens of it.
    const far = [...focus].filter(
      (id) => Math.hypot(gathered.get(id)?.x ?? 0, gathered.get(id)?.y ?? 0) > 3_000,
    );
    expect(far).toEqual([]);
  });

  it("changes nothing without a focus or a root", () => {
    const positions = at({ a: [0, 0], b: [10, 0] });
    expect(gatherAroundRoot(positions, sizesOf(positions), new Set(), "a")).toEqual(positions);
    expect(gatherAroundRoot(positions, sizesOf(positions), new Set(["a"]), undefined)).toEqual(
      positions,
    );
  });
});
