import { describe, expect, it } from "vitest";
import { findCycles } from "./cycles";
import { snapshotOf } from "./test-snapshot";

describe("findCycles", () => {
  it("finds none in a chain", () => {
    const links = [
      ["A", "BLOCKS", "B"],
      ["B", "CAUSES", "C"],
    ] as const;
    expect(findCycles(snapshotOf({ root: "A", links }))).toEqual([]);
  });

  it("finds a self-loop as a cycle of one", () => {
    const cycles = findCycles(snapshotOf({ root: "R", links: [["A", "BLOCKS", "A"]] }));
    expect(cycles).toEqual([
      { relationship: "BLOCKS", members: ["A"], path: ["A"], deadlock: true },
    ]);
  });

  it("finds a two-cycle of open cases as a deadlock", () => {
    const cycles = findCycles(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "B"],
          ["B", "BLOCKS", "A"],
        ],
      }),
    );
    expect(cycles).toEqual([
      { relationship: "BLOCKS", members: ["A", "B"], path: ["A", "B"], deadlock: true },
    ]);
  });

  it("gives the shortest way round a larger cycle with a chord", () => {
    const cycles = findCycles(
      snapshotOf({
        root: "R",
        links: [
          ["A", "CAUSES", "B"],
          ["B", "CAUSES", "C"],
          ["C", "CAUSES", "D"],
          ["D", "CAUSES", "A"],
          ["B", "CAUSES", "D"],
        ],
      }),
    );
    expect(cycles).toEqual([
      {
        relationship: "CAUSES",
        members: ["A", "B", "C", "D"],
        path: ["A", "B", "D"],
        deadlock: false,
      },
    ]);
  });

  it("does not call a BLOCKS cycle through a closed case a deadlock", () => {
    const cycles = findCycles(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "B"],
          ["B", "BLOCKS", "C"],
          ["C", "BLOCKS", "A"],
        ],
        status: { B: "CLOSED" },
      }),
    );
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.deadlock).toBe(false);
    expect(cycles[0]?.path).toEqual(["A", "B", "C"]);
  });

  it("shows the open loop of a component that also runs through a closed case", () => {
    const cycles = findCycles(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "B"],
          ["B", "BLOCKS", "A"],
          ["B", "BLOCKS", "C"],
          ["C", "BLOCKS", "D"],
          ["D", "BLOCKS", "B"],
        ],
        status: { A: "CLOSED" },
      }),
    );
    expect(cycles).toEqual([
      {
        relationship: "BLOCKS",
        members: ["A", "B", "C", "D"],
        path: ["B", "C", "D"],
        deadlock: true,
      },
    ]);
  });

  it("lists BLOCKS cycles before CAUSES cycles, separate per relationship", () => {
    const cycles = findCycles(
      snapshotOf({
        root: "R",
        links: [
          ["A", "CAUSES", "B"],
          ["B", "CAUSES", "A"],
          ["X", "BLOCKS", "Y"],
          ["Y", "BLOCKS", "X"],
          // A mixed loop is not a cycle of either relationship.
          ["P", "BLOCKS", "Q"],
          ["Q", "CAUSES", "P"],
        ],
      }),
    );
    expect(cycles.map((c) => [c.relationship, c.members])).toEqual([
      ["BLOCKS", ["X", "Y"]],
      ["CAUSES", ["A", "B"]],
    ]);
  });
});
