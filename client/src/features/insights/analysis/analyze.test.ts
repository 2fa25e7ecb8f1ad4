import { describe, expect, it } from "vitest";
import { analyze } from "./analyze";
import { type LinkSpec, snapshotOf } from "./test-snapshot";

describe("analyze", () => {
  it("answers the incident manager's questions about one graph", () => {
    const insights = analyze(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["C", "BLOCKS", "R"],
          ["I", "CAUSES", "R"],
          ["D1", "DUPLICATES", "R"],
        ],
        status: { C: "CLOSED" },
      }),
    );
    expect(insights.rootKey).toBe("R");
    expect(insights.blockers.count).toBe(2);
    expect(insights.blockers.resolved).toEqual(["C"]);
    expect(insights.criticalPath).toEqual(["B", "A", "R"]);
    expect(insights.clearOrder.map((step) => step.kind === "case" && step.key)).toEqual(["B", "A"]);
    expect(insights.cycles).toEqual([]);
    expect(insights.rootCauses.origins).toEqual(["I"]);
    expect(insights.duplicates).toEqual([{ original: "R", duplicates: ["D1"] }]);
    expect(insights.incomplete).toBe(false);
    expect(insights.unknownStatus).toEqual([]);
  });

  it("flags blockers taken as open because their label has not arrived", () => {
    const insights = analyze(
      snapshotOf({
        root: "R",
        links: [
          ["A", "BLOCKS", "R"],
          ["B", "BLOCKS", "A"],
          ["X", "CAUSES", "R"],
        ],
        status: { A: null, R: null, X: null },
        incomplete: true,
      }),
    );
    expect(insights.blockers.open).toEqual(["A", "B"]);
    // R is the target and X does not block, so neither status changes an answer.
    expect(insights.unknownStatus).toEqual(["A"]);
    expect(insights.incomplete).toBe(true);
  });

  it("flags unknown members of a deadlock", () => {
    const insights = analyze(
      snapshotOf({
        root: "R",
        links: [
          ["X", "BLOCKS", "Y"],
          ["Y", "BLOCKS", "X"],
        ],
        status: { X: null },
      }),
    );
    expect(insights.cycles[0]?.deadlock).toBe(true);
    expect(insights.unknownStatus).toEqual(["X"]);
  });

  it("copes with a root that has no links at all", () => {
    const insights = analyze(snapshotOf({ root: "R", links: [] }));
    expect(insights.blockers.count).toBe(0);
    expect(insights.criticalPath).toEqual([]);
    expect(insights.clearOrder).toEqual([]);
  });

  it("handles a 5,000-case graph with long chains and cycles without running out of stack", () => {
    const links: LinkSpec[] = [];
    for (let i = 1; i <= 5_000; i++) {
      links.push([`N${i}`, "BLOCKS", i === 1 ? "R" : `N${i - 1}`]);
      links.push([`N${i}`, "CAUSES", i === 1 ? "R" : `N${i - 1}`]);
      if (i % 7 === 0) links.push([`N${i - 3}`, "BLOCKS", `N${i}`]);
      if (i % 11 === 0) links.push([`N${i}`, "DUPLICATES", `N${i - 5}`]);
    }
    links.push(["R", "CAUSES", "N5000"]);
    const insights = analyze(snapshotOf({ root: "R", links }));
    expect(insights.blockers.count).toBe(5_000);
    expect(insights.criticalPath.at(-1)).toBe("R");
    expect(
      insights.cycles.some((c) => c.relationship === "CAUSES" && c.members.length === 5_001),
    ).toBe(true);
  });
});
