import { describe, expect, it } from "vitest";
import { clusterCaption, collapseDuplicates, findDuplicateClusters } from "./duplicate-clusters";
import { caseGraph } from "./test-graph";

const keys = (...names: string[]) => names.map((name) => `CASE:${name}`);

describe("findDuplicateClusters: one rule for the canvas, the tables and Insights", () => {
  it("names the end of a chain A→B→C as the original: the one that duplicates nothing", () => {
    const clusters = findDuplicateClusters(
      caseGraph([
        ["A", "DUPLICATES", "B"],
        ["B", "DUPLICATES", "C"],
      ]),
    );
    expect(clusters).toEqual([{ original: "CASE:C", duplicates: keys("A", "B") }]);
  });

  it("groups the copies with the case they duplicate, whatever order the links came in", () => {
    const links = [
      ["B", "DUPLICATES", "A"],
      ["C", "DUPLICATES", "A"],
      ["D", "DUPLICATES", "C"],
    ] as const;
    const expected = [{ original: "CASE:A", duplicates: keys("B", "C", "D") }];
    expect(findDuplicateClusters(caseGraph(links))).toEqual(expected);
    expect(findDuplicateClusters(caseGraph([...links].reverse()))).toEqual(expected);
  });

  it("breaks a tie between originals, and a loop with none, by key", () => {
    expect(
      findDuplicateClusters(
        caseGraph([
          ["A", "DUPLICATES", "Y"],
          ["A", "DUPLICATES", "X"],
        ]),
      ),
    ).toEqual([{ original: "CASE:X", duplicates: keys("A", "Y") }]);
    expect(
      findDuplicateClusters(
        caseGraph([
          ["Q", "DUPLICATES", "P"],
          ["P", "DUPLICATES", "Q"],
        ]),
      ),
    ).toEqual([{ original: "CASE:P", duplicates: keys("Q") }]);
  });

  it("keeps clusters apart, largest first, and ignores other relationships and self-links", () => {
    const clusters = findDuplicateClusters(
      caseGraph([
        ["B", "DUPLICATES", "A"],
        ["Q", "DUPLICATES", "P"],
        ["S", "DUPLICATES", "P"],
        ["A", "BLOCKS", "P"],
        ["Z", "DUPLICATES", "Z"],
      ]),
    );
    expect(clusters).toEqual([
      { original: "CASE:P", duplicates: keys("Q", "S") },
      { original: "CASE:A", duplicates: keys("B") },
    ]);
  });
});

describe("collapseDuplicates", () => {
  const graph = caseGraph(
    [
      ["R", "BLOCKS", "A"],
      ["B", "DUPLICATES", "A"],
      ["C", "DUPLICATES", "A"],
      ["D", "DUPLICATES", "B"],
      ["R", "BLOCKS", "B"],
      ["C", "CAUSES", "X"],
      ["D", "CAUSES", "X"],
      ["B", "BLOCKS", "C"],
    ],
    ["R"],
    { R: 0, A: 1, B: 1, C: 2, D: 3, X: 3 },
  );

  it("draws each cluster as its original, so the graph gets smaller", () => {
    const { snapshot, duplicateCount, originalOf } = collapseDuplicates(graph);
    expect([...snapshot.nodes.keys()].sort()).toEqual(keys("A", "R", "X"));
    expect(duplicateCount.get("CASE:A")).toBe(3);
    expect(originalOf.get("CASE:D")).toBe("CASE:A");
    expect(snapshot.nodes.size).toBeLessThan(graph.nodes.size);
  });

  it("redraws the members' links to and from the cluster once each, and drops those inside it", () => {
    const { snapshot } = collapseDuplicates(graph);
    const links = snapshot.edges.map((e) => `${e.source} ${e.relationship} ${e.target}`).sort();
    expect(links).toEqual(["CASE:A CAUSES CASE:X", "CASE:R BLOCKS CASE:A"]);
  });

  it("places the cluster at its nearest member's hop", () => {
    const { snapshot } = collapseDuplicates(
      caseGraph([["A", "DUPLICATES", "B"]], ["R"], { R: 0, A: 1, B: 4 }),
    );
    expect(snapshot.nodes.get("CASE:B")?.hop).toBe(1);
  });

  it("leaves a graph without duplicates as it is", () => {
    const plain = caseGraph([["A", "BLOCKS", "B"]]);
    expect(collapseDuplicates(plain).snapshot).toBe(plain);
  });

  it("names a cluster by its original and how many it stands for", () => {
    expect(clusterCaption("PAY-101", 3)).toBe("PAY-101 +3 duplicates");
    expect(clusterCaption("PAY-101", 1)).toBe("PAY-101 +1 duplicate");
  });
});
