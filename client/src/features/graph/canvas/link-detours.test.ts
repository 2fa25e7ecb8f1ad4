import { describe, expect, it } from "vitest";
import type { NodeBox } from "./box-grid";
import { DETOUR_CLEARANCE, type Detour, planDetours } from "./link-detours";
import { LONG_EDGE_PX } from "./long-edges";

const BOX = { w: 200, h: 64 };
const at = (x: number, y: number): NodeBox => ({ x, y, ...BOX });

/** The drawn line: source centre, bend points (as cytoscape places them), target centre. */
function path(from: NodeBox, to: NodeBox, detour: Detour | undefined) {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const ux = (to.x - from.x) / length;
  const uy = (to.y - from.y) / length;
  const bends = (detour?.weights ?? []).map((w, i) => {
    const d = detour?.distances[i] ?? 0;
    return { x: from.x + ux * w * length - uy * d, y: from.y + uy * w * length + ux * d };
  });
  return [{ x: from.x, y: from.y }, ...bends, { x: to.x, y: to.y }];
}

/** How close the line comes to the box's edge; negative when it runs inside (sampled). */
function room(points: { x: number; y: number }[], box: NodeBox): number {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { x: number; y: number };
    const b = points[i] as { x: number; y: number };
    for (let k = 0; k <= 400; k++) {
      const x = a.x + ((b.x - a.x) * k) / 400;
      const y = a.y + ((b.y - a.y) * k) / 400;
      const outX = Math.abs(x - box.x) - box.w / 2;
      const outY = Math.abs(y - box.y) - box.h / 2;
      least = Math.min(least, Math.max(outX, outY));
    }
  }
  return least;
}

describe("planDetours", () => {
  // A three-case deadlock standing in one column: top → middle → bottom → top.
  const column = new Map([
    ["top", at(0, 0)],
    ["middle", at(0, 160)],
    ["bottom", at(0, 320)],
  ]);
  const deadlock = [
    { id: "t-m", source: "top", target: "middle" },
    { id: "m-b", source: "middle", target: "bottom" },
    { id: "b-t", source: "bottom", target: "top" },
  ];

  it("bends a link round the node it would run behind, with room to spare, and no other", () => {
    const detours = planDetours(column, deadlock);
    expect([...detours.keys()]).toEqual(["b-t"]);
    const drawn = path(at(0, 320), at(0, 0), detours.get("b-t"));
    expect(room(drawn, at(0, 160))).toBeGreaterThanOrEqual(DETOUR_CLEARANCE - 0.5);
    // Straight, the same link runs through the middle of it.
    expect(room(path(at(0, 320), at(0, 0), undefined), at(0, 160))).toBeLessThan(-30);
  });

  it("gives the same picture whatever order the links and nodes come in", () => {
    const shuffled = new Map([...column].reverse());
    expect(planDetours(shuffled, [...deadlock].reverse())).toEqual(planDetours(column, deadlock));
  });

  it("steps out on the free side", () => {
    // A neighbour right beside the middle node leaves only the other side free.
    const crowded = new Map([...column, ["beside", at(215, 160)]]);
    const detour = planDetours(crowded, deadlock).get("b-t");
    const drawn = path(at(0, 320), at(0, 0), detour);
    expect(Math.min(...drawn.map((p) => p.x))).toBeLessThan(-100);
    for (const box of crowded.values()) {
      if (box.y !== 160) continue;
      expect(room(drawn, box)).toBeGreaterThan(0);
    }
  });

  it("draws a link one way and a link the other way between the same two nodes side by side", () => {
    const both = [
      { id: "a", source: "bottom", target: "top" },
      { id: "b", source: "top", target: "bottom" },
    ];
    const detours = planDetours(column, both);
    const one = path(at(0, 320), at(0, 0), detours.get("a"));
    // Read from its own source, the other comes out on the same side, further out.
    const other = path(at(0, 0), at(0, 320), detours.get("b")).reverse();
    expect(one).toHaveLength(4);
    expect(other).toHaveLength(4);
    for (let i = 1; i <= 2; i++) {
      const p = one[i] as { x: number; y: number };
      const q = other[i] as { x: number; y: number };
      expect(Math.sign(q.x)).toBe(Math.sign(p.x));
      expect(Math.abs(q.x) - Math.abs(p.x)).toBeCloseTo(10, 5);
      expect(q.y).toBeCloseTo(p.y, 5);
    }
  });

  it("leaves a link that only clips a corner straight", () => {
    // The line from (0,0) to (300,300) passes 2 px inside the corner of a box at (248,120).
    const boxes = new Map([
      ["a", at(0, 0)],
      ["b", at(300, 300)],
      ["corner", at(248, 120)],
    ]);
    const line = path(at(0, 0), at(300, 300), undefined);
    expect(room(line, boxes.get("corner") as NodeBox)).toBeCloseTo(-2, 1);
    expect(planDetours(boxes, [{ id: "a-b", source: "a", target: "b" }]).size).toBe(0);
  });

  it("leaves straight a link longer than a screen and one behind a whole row of nodes", () => {
    const far = new Map([
      ["a", at(0, 0)],
      ["between", at(0, LONG_EDGE_PX / 2)],
      ["b", at(0, LONG_EDGE_PX + 100)],
    ]);
    expect(planDetours(far, [{ id: "a-b", source: "a", target: "b" }]).size).toBe(0);
    // Six nodes in a row, and a link along the row from one end to the other.
    const row = new Map(Array.from({ length: 6 }, (_, i) => [`n${i}`, at(i * 220, 0)]));
    expect(planDetours(row, [{ id: "end-to-end", source: "n0", target: "n5" }]).size).toBe(0);
  });

  it("takes the gaps between rows and columns where a step sideways along a slanting link runs into the neighbours", () => {
    // A picture of rows and columns with the layout's gaps: the link slants down to the right
    // through the box in its way, and a step to either side of it cuts across the box beside
    // that one (below the source) or the ones above and to the right of it.
    const grid = new Map([
      ["source", at(0, 0)],
      ["above", at(222, 0)],
      ["below", at(0, 120)],
      ["in-way", at(222, 120)],
      ["right", at(444, 120)],
      ["target", at(333, 245)],
    ]);
    const detour = planDetours(grid, [{ id: "s-t", source: "source", target: "target" }]).get(
      "s-t",
    );
    const drawn = path(at(0, 0), at(333, 245), detour);
    expect(room(path(at(0, 0), at(333, 245), undefined), at(222, 120))).toBeLessThan(-30);
    for (const [id, box] of grid) {
      if (id === "source" || id === "target") continue;
      expect(room(drawn, box), id).toBeGreaterThanOrEqual(DETOUR_CLEARANCE / 2 - 0.5);
    }
    // Down out of the source, along the gap between the rows, down into the target.
    expect(drawn.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }))).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 60 },
      { x: 333, y: 60 },
      { x: 333, y: 245 },
    ]);
  });

  it("keeps a link straight when no detour comes clear", () => {
    // The middle node is walled in on both sides by nodes as tall as the whole column.
    const walled = new Map([
      ...column,
      ["left", { x: -210, y: 160, w: 200, h: 700 }],
      ["right", { x: 210, y: 160, w: 200, h: 700 }],
    ]);
    expect(planDetours(walled, deadlock).has("b-t")).toBe(false);
  });
});
