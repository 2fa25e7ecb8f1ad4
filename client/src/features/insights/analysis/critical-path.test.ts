import { describe, expect, it } from "vitest";
import { findCriticalPath } from "./critical-path";
import { snapshotOf } from "./test-snapshot";

describe("findCriticalPath", () => {
  it("is empty when nothing open blocks the root", () => {
    expect(findCriticalPath(snapshotOf({ root: "R", links: [] }))).toEqual([]);
    expect(
      findCriticalPath(
        snapshotOf({ root: "R", links: [["A", "BLOCKS", "R"]], status: { A: "CLOSED" } }),
      ),
    ).toEqual([]);
  });

  it("takes the longer branch of a diamond, blocker first and root last", () => {
    const path = findCriticalPath(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "R"],
          ["C", "BLOCKS", "B"],
          ["D", "BLOCKS", "C"],
          ["D", "BLOCKS", "A"],
        ],
      }),
    );
    expect(path).toEqual(["D", "C", "B", "R"]);
  });

  it("stops at a closed case in the middle of the chain", () => {
    const path = findCriticalPath(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
        status: { B: "CLOSED" },
      }),
    );
    expect(path).toEqual(["A", "R"]);
  });

  it("runs through a cycle once, entering it where the chain comes in and leaving by its exit", () => {
    const path = findCriticalPath(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["A", "BLOCKS", "B"],
          ["C", "BLOCKS", "B"],
        ],
      }),
    );
    // C is where work can start: A and B block each other, and only A leads on to R.
    expect(path).toEqual(["C", "B", "A", "R"]);
  });

  it("starts a chain that leads into a deadlock where nothing blocks it, not inside the deadlock", () => {
    // The demo's shape: a chain into a three-case deadlock whose one exit blocks the root.
    const path = findCriticalPath(
      snapshotOf({
        root: "R",
        links: [
          ["X", "BLOCKS", "R"],
          ["N53", "BLOCKS", "X"],
          ["N52", "BLOCKS", "N53"],
          ["N53", "BLOCKS", "N51"],
          ["N51", "BLOCKS", "N52"],
          ["V3", "BLOCKS", "N52"],
          ["V2", "BLOCKS", "V3"],
          ["V1", "BLOCKS", "V2"],
        ],
      }),
    );
    expect(path).toEqual(["V1", "V2", "V3", "N52", "N53", "X", "R"]);
    expect(new Set(path).size).toBe(path.length);
  });

  it("starts where nothing blocks it, even when a member of the deadlock has a longer way in", () => {
    // N51 is as far from R as V3 (and comes first by key), but N53 blocks it.
    expect(
      findCriticalPath(
        snapshotOf({
          root: "R",
          links: [
            ["X", "BLOCKS", "R"],
            ["N53", "BLOCKS", "X"],
            ["N52", "BLOCKS", "N53"],
            ["N53", "BLOCKS", "N51"],
            ["N51", "BLOCKS", "N52"],
            ["V3", "BLOCKS", "N52"],
          ],
        }),
      ),
    ).toEqual(["V3", "N52", "N53", "X", "R"]);
    // A ring whose far side is a long way round: U, which nothing blocks, still starts it.
    expect(
      findCriticalPath(
        snapshotOf({
          root: "R",
          links: [
            ["X3", "BLOCKS", "X2"],
            ["X2", "BLOCKS", "X1"],
            ["X1", "BLOCKS", "E"],
            ["E", "BLOCKS", "X3"],
            ["E", "BLOCKS", "R"],
            ["U", "BLOCKS", "X1"],
          ],
        }),
      ),
    ).toEqual(["U", "X1", "E", "R"]);
  });

  it("starts inside a deadlock only when every chain to the root comes out of one", () => {
    expect(
      findCriticalPath(
        snapshotOf({
          root: "R",
          links: [
            ["A", "BLOCKS", "R"],
            ["B", "BLOCKS", "A"],
            ["A", "BLOCKS", "B"],
          ],
        }),
      ),
    ).toEqual(["B", "A", "R"]);
  });

  it("reaches the root inside the root's own cycle", () => {
    const path = findCriticalPath(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["R", "BLOCKS", "B"],
          ["B", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
      }),
    );
    expect(path).toEqual(["C", "B", "A", "R"]);
  });

  it("follows a 5,000-case chain to its far end", () => {
    const links = Array.from(
      { length: 5_000 },
      (_, i) => [`N${i + 1}`, "BLOCKS", i === 0 ? "R" : `N${i}`] as const,
    );
    const path = findCriticalPath(snapshotOf({ root: "R", links }));
    expect(path).toHaveLength(5_001);
    expect(path[0]).toBe("N5000");
    expect(path.at(-1)).toBe("R");
  });
});
