import { describe, expect, it } from "vitest";
import { makeSnapshot } from "../snapshot-fixture";
import { toElements } from "../to-elements";
import { computePositions } from "./compute-positions";

const snapshot = makeSnapshot(
  ["CASE:root", "CASE:b1", "CASE:b2", "CASE:c1", "CASE:x", "CASE:y"],
  [
    ["CASE:b1", "BLOCKS", "CASE:root"],
    ["CASE:b2", "BLOCKS", "CASE:b1"],
    ["CASE:c1", "CAUSES", "CASE:root"],
    ["CASE:root", "RELATES_TO", "CASE:x"],
    ["CASE:x", "DUPLICATES", "CASE:y"],
  ],
  "CASE:root",
);
const elements = toElements(snapshot, { rel: null, dup: "show", highlighted: new Set() });

/** Fisher–Yates with a fixed seed: another arrival order of the same answers. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("computePositions", () => {
  it("gives the same picture whatever order the elements came in", {
    timeout: 30_000,
  }, async () => {
    const first = await computePositions(elements, "layered");
    for (const seed of [1, 7, 42]) {
      expect(await computePositions(shuffled(elements, seed), "layered")).toEqual(first);
    }
    expect(await computePositions(shuffled(elements, 3), "force")).toEqual(
      await computePositions(elements, "force"),
    );
  });

  it("lays every node out, blockers above what they block, no two boxes on each other", {
    timeout: 30_000,
  }, async () => {
    const positions = await computePositions(elements, "layered");
    expect(positions && [...positions.keys()].sort()).toEqual([...snapshot.nodes.keys()].sort());
    const at = (key: string) => positions?.get(key) ?? { x: Number.NaN, y: Number.NaN };
    expect(at("CASE:b2").y).toBeLessThan(at("CASE:b1").y);
    expect(at("CASE:b1").y).toBeLessThan(at("CASE:root").y);
    const points = [...(positions?.values() ?? [])];
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const a = points[i] as { x: number; y: number };
        const b = points[j] as { x: number; y: number };
        // Case boxes are 150×58 (the root 190×66): centres closer than that would overlap.
        expect(Math.abs(a.x - b.x) >= 150 || Math.abs(a.y - b.y) >= 58).toBe(true);
      }
    }
  });

  it("resolves null when abandoned", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await computePositions(elements, "layered", { signal: controller.signal })).toBeNull();
  });
});
