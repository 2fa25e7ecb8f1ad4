import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { applyDiff } from "./apply-diff";
import { makeSnapshot } from "./snapshot-fixture";
import { toElements } from "./to-elements";

const view = { rel: null, dup: "show", highlighted: new Set<string>() } as const;

function headless() {
  return cytoscape({ headless: true, styleEnabled: true });
}

describe("applyDiff", () => {
  it("adds everything to an empty graph and reports that nodes changed", () => {
    const cy = headless();
    const elements = toElements(
      makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]),
      view,
    );
    const diff = applyDiff(cy, elements);
    expect(diff.added).toHaveLength(3);
    expect(diff.removed).toEqual([]);
    expect(diff.updated).toEqual([]);
    expect(diff.nodesChanged).toBe(true);
    expect(cy.nodes()).toHaveLength(2);
    expect(cy.edges()).toHaveLength(1);
  });

  it("changes nothing when the same elements come again", () => {
    const cy = headless();
    const snapshot = makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]);
    applyDiff(cy, toElements(snapshot, view));
    const diff = applyDiff(cy, toElements(snapshot, view));
    expect(diff).toEqual({ added: [], removed: [], updated: [], nodesChanged: false });
  });

  it("updates only changed data and classes, in place, keeping positions", () => {
    const cy = headless();
    applyDiff(
      cy,
      toElements(makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]), view),
    );
    cy.getElementById("CASE:b").position({ x: 120, y: 340 });
    const before = cy.getElementById("CASE:b");
    const next = makeSnapshot(
      ["CASE:a", { key: "CASE:b", label: { key: "OPS-2", status: "CLOSED" } }],
      [["CASE:a", "BLOCKS", "CASE:b"]],
    );
    const diff = applyDiff(cy, toElements(next, view));
    expect(diff.updated).toEqual(["CASE:b"]);
    expect(diff.nodesChanged).toBe(false);
    const after = cy.getElementById("CASE:b");
    expect(after.same(before)).toBe(true);
    expect(after.position()).toEqual({ x: 120, y: 340 });
    expect(after.data("label")).toBe("✓ OPS-2");
    expect(after.hasClass("closed")).toBe(true);
  });

  it("removes gone elements and adds new ones without touching the rest", () => {
    const cy = headless();
    applyDiff(
      cy,
      toElements(makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]), view),
    );
    cy.getElementById("CASE:a").position({ x: 5, y: 6 });
    const diff = applyDiff(
      cy,
      toElements(makeSnapshot(["CASE:a", "CASE:c"], [["CASE:a", "CAUSES", "CASE:c"]]), view),
    );
    expect(diff.added.sort()).toEqual(["CASE:a>CAUSES>CASE:c", "CASE:c"]);
    expect(diff.removed.sort()).toEqual(["CASE:a>BLOCKS>CASE:b", "CASE:b"]);
    expect(diff.nodesChanged).toBe(true);
    expect(cy.getElementById("CASE:a").position()).toEqual({ x: 5, y: 6 });
    expect(
      cy
        .elements()
        .map((e) => e.id())
        .sort(),
    ).toEqual(["CASE:a", "CASE:a>CAUSES>CASE:c", "CASE:c"]);
  });

  it("reports edge-only changes as not needing a layout", () => {
    const cy = headless();
    const snapshot = makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]);
    applyDiff(cy, toElements(snapshot, view));
    const diff = applyDiff(cy, toElements(snapshot, { ...view, rel: ["CAUSES"] }));
    expect(diff.removed).toEqual(["CASE:a>BLOCKS>CASE:b"]);
    expect(diff.nodesChanged).toBe(false);
  });

  it("leaves classes the caller owns alone", () => {
    const cy = headless();
    const snapshot = makeSnapshot(["CASE:a"]);
    applyDiff(cy, toElements(snapshot, view), { keepClasses: ["selected"] });
    cy.getElementById("CASE:a").addClass("selected");
    const diff = applyDiff(
      cy,
      toElements(snapshot, { ...view, highlighted: new Set(["CASE:a"]) }),
      {
        keepClasses: ["selected"],
      },
    );
    expect(diff.updated).toEqual(["CASE:a"]);
    expect(cy.getElementById("CASE:a").classes().sort()).toEqual([
      "highlighted",
      "root",
      "selected",
    ]);
  });

  it("takes copies out when duplicates are grouped and puts them back, keeping the original", () => {
    const cy = headless();
    const snapshot = makeSnapshot(
      ["CASE:a", "CASE:b", "CASE:c"],
      [
        ["CASE:b", "DUPLICATES", "CASE:c"],
        ["CASE:a", "BLOCKS", "CASE:b"],
      ],
    );
    applyDiff(cy, toElements(snapshot, view));
    cy.getElementById("CASE:c").position({ x: 50, y: 60 });
    const collapsed = applyDiff(cy, toElements(snapshot, { ...view, dup: "collapse" }));
    expect(collapsed.removed).toEqual(expect.arrayContaining(["CASE:b"]));
    expect(collapsed.nodesChanged).toBe(true);
    expect(cy.getElementById("CASE:c").position()).toEqual({ x: 50, y: 60 });
    // The copy's link now ends at the cluster, drawn as its original.
    expect(cy.edges().map((e) => `${e.source().id()} ${e.target().id()}`)).toEqual([
      "CASE:a CASE:c",
    ]);

    const shown = applyDiff(cy, toElements(snapshot, view));
    expect(shown.added).toEqual(expect.arrayContaining(["CASE:b"]));
    expect(
      cy
        .nodes()
        .map((n) => n.id())
        .sort(),
    ).toEqual(["CASE:a", "CASE:b", "CASE:c"]);
    expect(cy.getElementById("CASE:c").position()).toEqual({ x: 50, y: 60 });
  });
});
