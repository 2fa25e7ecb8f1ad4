import { describe, expect, it } from "vitest";
import { gatherFocus } from "./gather-focus";

const at = (entries: Record<string, [number, number]>) =>
  new Map(Object.entries(entries).map(([id, [x, y]]) => [id, { x, y }]));

describe("gatherFocus", () => {
  it("brings the focus of each row together, the rest in order aside, nothing overlapping", () => {
    const positions = at({
      f1: [0, 0],
      a: [220, 0],
      b: [440, 0],
      f2: [660, 0],
      root: [330, 120],
      c: [110, 120],
    });
    const widths = new Map([...positions.keys()].map((id) => [id, 196]));
    const gathered = gatherFocus(positions, widths, new Set(["root", "f1", "f2"]), "root");
    const row = ["f1", "a", "b", "f2"].sort(
      (x, y) => (gathered.get(x)?.x ?? 0) - (gathered.get(y)?.x ?? 0),
    );
    expect(row).toEqual(["a", "f1", "f2", "b"]);
    expect((gathered.get("f2")?.x ?? 0) - (gathered.get("f1")?.x ?? 0)).toBe(196 + 24);
    // No two boxes of a row closer than their widths plus the gap.
    const xs = row.map((id) => gathered.get(id)?.x ?? 0);
    for (let i = 1; i < xs.length; i++) {
      expect((xs[i] ?? 0) - (xs[i - 1] ?? 0)).toBeGreaterThanOrEqual(196 + 24);
    }
    expect(gathered.get("root")).toEqual({ x: 330, y: 120 });
    expect(gathered.get("c")).toEqual({ x: 110, y: 120 });
  });

  it("changes nothing without a focus", () => {
    const positions = at({ a: [0, 0], b: [300, 0] });
    expect(gatherFocus(positions, new Map(), new Set(), "a")).toEqual(positions);
  });
});
