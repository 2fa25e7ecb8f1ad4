import { describe, expect, it } from "vitest";
import { findBlockers } from "./blockers";
import { snapshotOf } from "./test-snapshot";

describe("findBlockers", () => {
  it("lists direct and transitive open blockers along a chain, nearest first", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
      }),
    );
    expect(blockers.direct).toEqual(["A"]);
    expect(blockers.open).toEqual(["A", "B", "C"]);
    expect(blockers.count).toBe(3);
  });

  it("counts each blocker of a diamond once", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "R"],
          ["C", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
      }),
    );
    expect(blockers.direct).toEqual(["A", "B"]);
    expect(blockers.open).toEqual(["A", "B", "C"]);
    expect(blockers.count).toBe(3);
  });

  it("follows direction: what the root blocks is not its blocker", () => {
    const blockers = findBlockers(snapshotOf({ root: "R", links: [["R", "BLOCKS", "X"]] }));
    expect(blockers.count).toBe(0);
    expect(blockers.open).toEqual([]);
  });

  it("only follows BLOCKS", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["A", "CAUSES", "R"],
          ["B", "RELATES_TO", "R"],
        ],
      }),
    );
    expect(blockers.count).toBe(0);
  });

  it("cuts the chain at a closed case: it and what is upstream of it no longer block", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
        status: { A: "IN_PROGRESS", B: "CLOSED", C: "OPEN" },
      }),
    );
    expect(blockers.open).toEqual(["A"]);
    expect(blockers.resolved).toEqual(["B"]);
    expect(blockers.noLongerBlocking).toEqual(["C"]);
  });

  it("keeps an upstream case that still blocks the root through another open chain", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "R"],
          ["C", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
        status: { A: "CLOSED" },
      }),
    );
    expect(blockers.open).toEqual(["B", "C"]);
    expect(blockers.resolved).toEqual(["A"]);
    expect(blockers.noLongerBlocking).toEqual([]);
  });

  it("treats a resolved incident as closed", () => {
    const blockers = findBlockers(
      snapshotOf({ root: "R", links: [["I", "BLOCKS", "R"]], status: { I: "resolved" } }),
    );
    expect(blockers.count).toBe(0);
    expect(blockers.resolved).toEqual(["I"]);
  });

  it("treats a case whose label has not arrived as open", () => {
    const blockers = findBlockers(
      snapshotOf({ root: "R", links: [["A", "BLOCKS", "R"]], status: { A: null } }),
    );
    expect(blockers.open).toEqual(["A"]);
  });

  it("never lists the root as its own blocker, even inside a cycle", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["R", "BLOCKS", "A"],
          ["A", "BLOCKS", "R"],
          ["R", "BLOCKS", "R"],
        ],
      }),
    );
    expect(blockers.open).toEqual(["A"]);
  });

  it("ignores parts of the graph that are not connected to the root", () => {
    const blockers = findBlockers(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["X", "BLOCKS", "Y"],
        ],
      }),
    );
    expect(blockers.open).toEqual(["A"]);
  });
});
