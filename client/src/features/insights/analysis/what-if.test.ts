import { describe, expect, it } from "vitest";
import { snapshotOf } from "./test-snapshot";
import { whatIfClosed } from "./what-if";

describe("whatIfClosed", () => {
  it("unblocks the root when the case is its last blocker", () => {
    const snapshot = snapshotOf({ root: "R", links: [["A", "BLOCKS", "R"]] });
    expect(whatIfClosed(snapshot, "A")).toEqual({
      key: "A",
      unblocked: ["R"],
      noLongerBlocking: [],
      remaining: 0,
    });
  });

  it("names the cases it alone blocks, and the blockers behind it that stop counting", () => {
    // C blocks B blocks R; D blocks R too. Closing B frees R of B and cuts C off.
    const snapshot = snapshotOf({
      root: "R",
      links: [
        ["B", "BLOCKS", "R"],
        ["C", "BLOCKS", "B"],
        ["D", "BLOCKS", "R"],
      ],
    });
    expect(whatIfClosed(snapshot, "B")).toEqual({
      key: "B",
      unblocked: [],
      noLongerBlocking: ["C"],
      remaining: 1,
    });
    // Closing C unblocks B, which still blocks R.
    expect(whatIfClosed(snapshot, "C")).toEqual({
      key: "C",
      unblocked: ["B"],
      noLongerBlocking: [],
      remaining: 2,
    });
  });

  it("keeps a blocker that still blocks through another open path", () => {
    const snapshot = snapshotOf({
      root: "R",
      links: [
        ["A", "BLOCKS", "R"],
        ["B", "BLOCKS", "R"],
        ["C", "BLOCKS", "A"],
        ["C", "BLOCKS", "B"],
      ],
    });
    expect(whatIfClosed(snapshot, "A")?.noLongerBlocking).toEqual([]);
  });

  it("answers nothing for a case that does not block the root", () => {
    const snapshot = snapshotOf({
      root: "R",
      links: [["A", "BLOCKS", "R"]],
      status: { X: "OPEN", A: "CLOSED" },
    });
    expect(whatIfClosed(snapshot, "X")).toBeUndefined();
    expect(whatIfClosed(snapshot, "A")).toBeUndefined();
  });
});
