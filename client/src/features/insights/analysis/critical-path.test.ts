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

  it("terminates on a cycle, ignoring the edges inside it", () => {
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
    // B -> A is inside the cycle, so the only chain that avoids it is A -> R.
    expect(path).toEqual(["A", "R"]);
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
