import { describe, expect, it } from "vitest";
import { makeSnapshot } from "../canvas/snapshot-fixture";
import { depthView, expansionPathTo } from "./depth-view";

// root ← b1 ← b2 ← b3 (BLOCKS), root ← c1 (CAUSES), root — r1 — r2 (RELATES_TO)
const full = makeSnapshot(
  [
    { key: "CASE:root", hop: 0 },
    { key: "CASE:b1", hop: 1 },
    { key: "CASE:b2", hop: 2 },
    { key: "CASE:b3", hop: 3 },
    { key: "CASE:c1", hop: 1 },
    { key: "CASE:r1", hop: 1 },
    { key: "CASE:r2", hop: 2 },
  ],
  [
    ["CASE:b1", "BLOCKS", "CASE:root"],
    ["CASE:b2", "BLOCKS", "CASE:b1"],
    ["CASE:b3", "BLOCKS", "CASE:b2"],
    ["CASE:c1", "CAUSES", "CASE:root"],
    ["CASE:root", "RELATES_TO", "CASE:r1"],
    ["CASE:r1", "RELATES_TO", "CASE:r2"],
  ],
  "CASE:root",
);

const keys = (snapshot: { nodes: ReadonlyMap<string, unknown> }) =>
  [...snapshot.nodes.keys()].sort();

describe("depthView", () => {
  it("shows exactly the entities within the depth and the links among them", () => {
    const { visible, beyond } = depthView(full, { depth: 1, expanded: new Set() });
    expect(keys(visible)).toEqual(["CASE:b1", "CASE:c1", "CASE:r1", "CASE:root"]);
    expect(visible.edges.map((e) => e.id).sort()).toEqual([
      "CASE:b1>BLOCKS>CASE:root",
      "CASE:c1>CAUSES>CASE:root",
      "CASE:root>RELATES_TO>CASE:r1",
    ]);
    expect([...beyond].sort()).toEqual(["CASE:b2", "CASE:b3", "CASE:r2"]);
  });

  it("marks the boundary with how many blockers and causes wait past the depth", () => {
    const { visible } = depthView(full, { depth: 1, expanded: new Set() });
    expect(visible.nodes.get("CASE:b1")).toMatchObject({ frontier: true, upstreamBeyond: 2 });
    // r2 is past the depth but neither blocks nor causes: a frontier, no badge.
    expect(visible.nodes.get("CASE:r1")?.frontier).toBe(true);
    expect(visible.nodes.get("CASE:r1")?.upstreamBeyond).toBeUndefined();
    expect(visible.nodes.get("CASE:c1")?.frontier).toBe(false);
  });

  it("shows the neighbours of expanded entities that are shown, one after another", () => {
    const { visible } = depthView(full, { depth: 1, expanded: new Set(["b1", "b2"]) });
    expect(keys(visible)).toContain("CASE:b3");
    // An expanded entity that is not shown expands nothing.
    const notShown = depthView(full, { depth: 1, expanded: new Set(["b2"]) });
    expect(keys(notShown.visible)).not.toContain("CASE:b3");
  });

  it("gives back the same snapshot when nothing lies past the depth", () => {
    expect(depthView(full, { depth: 3, expanded: new Set() }).visible).toBe(full);
  });
});

describe("expansionPathTo", () => {
  it("names the entities to expand to bring one past the depth onto the graph", () => {
    const { visible } = depthView(full, { depth: 1, expanded: new Set() });
    const shown = new Set(visible.nodes.keys());
    const path = expansionPathTo(full, shown, "CASE:b3");
    expect(path).toEqual(["CASE:b1", "CASE:b2"]);
    const ids = new Set(path.map((key) => key.slice("CASE:".length)));
    expect(keys(depthView(full, { depth: 1, expanded: ids }).visible)).toContain("CASE:b3");
  });
});
