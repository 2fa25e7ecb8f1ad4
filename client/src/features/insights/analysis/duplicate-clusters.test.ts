import { describe, expect, it } from "vitest";
import { findDuplicateClusters } from "./duplicate-clusters";
import { snapshotOf } from "./test-snapshot";

describe("findDuplicateClusters", () => {
  it("groups the copies with the case they duplicate", () => {
    const clusters = findDuplicateClusters(
      snapshotOf({
        root: "R",
        links: [
          ["B", "DUPLICATES", "A"],
          ["C", "DUPLICATES", "A"],
          ["D", "DUPLICATES", "A"],
        ],
      }),
    );
    expect(clusters).toEqual([{ canonical: "A", duplicates: ["B", "C", "D"] }]);
  });

  it("picks the most duplicated case when the cluster is a chain", () => {
    const clusters = findDuplicateClusters(
      snapshotOf({
        root: "R",
        links: [
          ["A", "DUPLICATES", "B"],
          ["C", "DUPLICATES", "B"],
          ["B", "DUPLICATES", "D"],
        ],
      }),
    );
    expect(clusters).toEqual([{ canonical: "B", duplicates: ["A", "C", "D"] }]);
  });

  it("breaks a tie by key", () => {
    const clusters = findDuplicateClusters(
      snapshotOf({
        root: "R",
        links: [
          ["A", "DUPLICATES", "Y"],
          ["B", "DUPLICATES", "X"],
          ["A", "DUPLICATES", "X"],
        ],
      }),
    );
    expect(clusters).toEqual([{ canonical: "X", duplicates: ["A", "B", "Y"] }]);
  });

  it("keeps separate clusters apart, largest first, and ignores other relationships", () => {
    const clusters = findDuplicateClusters(
      snapshotOf({
        root: "R",
        links: [
          ["B", "DUPLICATES", "A"],
          ["Q", "DUPLICATES", "P"],
          ["S", "DUPLICATES", "P"],
          ["A", "BLOCKS", "P"],
        ],
      }),
    );
    expect(clusters).toEqual([
      { canonical: "P", duplicates: ["Q", "S"] },
      { canonical: "A", duplicates: ["B"] },
    ]);
  });
});
