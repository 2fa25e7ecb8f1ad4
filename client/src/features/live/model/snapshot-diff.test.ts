import { describe, expect, it } from "vitest";
import { reading } from "./readings.test-support";
import { diffSnapshots, isEmptyDiff, sameSnapshot } from "./snapshot-diff";

describe("diffSnapshots", () => {
  it("finds nothing between two readings of the same graph", () => {
    const a = reading(["A BLOCKS ROOT", "B CAUSES A"]);
    const b = reading(["A BLOCKS ROOT", "B CAUSES A"]);
    expect(isEmptyDiff(diffSnapshots(a, b))).toBe(true);
    expect(sameSnapshot(a, b)).toBe(true);
  });

  it("names added and removed entities and links, and changed statuses and priorities", () => {
    const before = reading(["A BLOCKS ROOT", "B BLOCKS ROOT"], { A: { priority: "P2" } });
    const after = reading(["A BLOCKS ROOT", "C BLOCKS ROOT"], {
      A: { priority: "P1", status: "IN_PROGRESS" },
    });
    const diff = diffSnapshots(before, after);
    expect(diff.addedNodes).toEqual(["C"]);
    expect(diff.removedNodes).toEqual(["B"]);
    expect(diff.addedEdges.map((edge) => edge.id)).toEqual(["C BLOCKS ROOT"]);
    expect(diff.removedEdges.map((edge) => edge.id)).toEqual(["B BLOCKS ROOT"]);
    expect(diff.changed).toEqual([
      { key: "A", field: "status", from: "OPEN", to: "IN_PROGRESS" },
      { key: "A", field: "priority", from: "P2", to: "P1" },
    ]);
    expect(sameSnapshot(before, after)).toBe(false);
  });

  it("does not count a label that has not arrived as a change", () => {
    const before = reading(["A BLOCKS ROOT"]);
    const after = reading(["A BLOCKS ROOT"]);
    const a = after.nodes.get("A");
    if (!a) throw new Error("A is missing");
    const { label: _label, ...loading } = a;
    (after.nodes as Map<string, typeof a>).set("A", { ...loading, labelStatus: "pending" });
    expect(diffSnapshots(before, after).changed).toEqual([]);
    // It still draws differently (the node shows as loading), so it is not the same picture.
    expect(sameSnapshot(before, after)).toBe(false);
  });

  it("sees a link whose relationship changed under the same id", () => {
    const before = reading(["A BLOCKS ROOT"]);
    const after = { ...before, edges: [{ ...before.edges[0], relationship: "CAUSES" }] };
    const diff = diffSnapshots(before, after as typeof before);
    expect(diff.addedEdges).toHaveLength(1);
    expect(diff.removedEdges).toHaveLength(1);
  });
});
