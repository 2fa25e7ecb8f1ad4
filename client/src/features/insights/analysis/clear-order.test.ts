import { describe, expect, it } from "vitest";
import { findClearOrder } from "./clear-order";
import { snapshotOf } from "./test-snapshot";

describe("findClearOrder", () => {
  it("puts blockers before what they block", () => {
    const order = findClearOrder(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["C", "BLOCKS", "B"],
        ],
      }),
    );
    expect(order).toEqual([
      { kind: "case", key: "C", wave: 0 },
      { kind: "case", key: "B", wave: 1 },
      { kind: "case", key: "A", wave: 2 },
    ]);
  });

  it("gives independent blockers the same wave", () => {
    const order = findClearOrder(
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
    expect(order).toEqual([
      { kind: "case", key: "C", wave: 0 },
      { kind: "case", key: "A", wave: 1 },
      { kind: "case", key: "B", wave: 1 },
    ]);
  });

  it("reports a BLOCKS cycle as one deadlock instead of ordering it", () => {
    const order = findClearOrder(
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
    expect(order).toEqual([
      { kind: "case", key: "C", wave: 0 },
      { kind: "deadlock", keys: ["A", "B"], wave: 1 },
    ]);
  });

  it("reports a case that blocks itself as a deadlock of one", () => {
    const order = findClearOrder(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["A", "BLOCKS", "A"],
        ],
      }),
    );
    expect(order).toEqual([{ kind: "deadlock", keys: ["A"], wave: 0 }]);
  });

  it("includes the root in a deadlock it is part of", () => {
    const order = findClearOrder(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["R", "BLOCKS", "A"],
        ],
      }),
    );
    expect(order).toEqual([{ kind: "deadlock", keys: ["A", "R"], wave: 0 }]);
  });

  it("leaves out closed cases and what is upstream of them", () => {
    const order = findClearOrder(
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
    expect(order).toEqual([{ kind: "case", key: "A", wave: 0 }]);
  });
});
