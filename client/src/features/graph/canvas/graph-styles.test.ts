import { RELATIONSHIPS } from "@casegraph/server/contract";
import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { applyDiff } from "./apply-diff";
import { GRAPH_STYLESHEET, RELATIONSHIP_STYLES } from "./graph-styles";
import { makeSnapshot } from "./snapshot-fixture";
import { toElements } from "./to-elements";

function styledGraph() {
  const keys = ["CASE:a", "INCIDENT:b", "PAGE:c", "AGENT_CONVERSATION:d", "ROBOT:e", "CASE:f"];
  const links = [...RELATIONSHIPS, "NEW_KIND"].map(
    (relationship, index) =>
      [keys[index % 5] ?? "", relationship, keys[(index + 1) % 5] ?? ""] as const,
  );
  const snapshot = makeSnapshot(
    [...keys.slice(0, 5), { key: "CASE:f", label: { status: "CLOSED" }, labelStatus: "error" }],
    links,
  );
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
  applyDiff(cy, toElements(snapshot, { rel: null, dup: "show", highlighted: new Set() }));
  return cy;
}

function edgeOf(cy: cytoscape.Core, relationship: string) {
  return cy
    .edges()
    .filter((edge) => edge.data("relationship") === relationship)
    .first();
}

describe("graph stylesheet", () => {
  it("gives every known relationship a distinct colour and line style pair", () => {
    const cy = styledGraph();
    const looks = RELATIONSHIPS.map((relationship) => {
      const edge = edgeOf(cy, relationship);
      return `${edge.style("line-color")}/${edge.style("line-style")}`;
    });
    expect(new Set(looks).size).toBe(RELATIONSHIPS.length);
    expect(Object.keys(RELATIONSHIP_STYLES)).toEqual(expect.arrayContaining([...RELATIONSHIPS]));
  });

  it("draws BLOCKS, CAUSES and DUPLICATES in their own colours and lines, with arrows", () => {
    const cy = styledGraph();
    const expected = {
      BLOCKS: ["rgb(214,39,40)", "solid"],
      CAUSES: ["rgb(255,127,14)", "dashed"],
      DUPLICATES: ["rgb(148,103,189)", "dotted"],
    };
    for (const [relationship, [color, line]] of Object.entries(expected)) {
      const edge = edgeOf(cy, relationship);
      expect(edge.style("line-color")).toBe(color);
      expect(edge.style("line-style")).toBe(line);
      expect(edge.style("target-arrow-shape")).toBe("triangle");
    }
  });

  it("draws RELATES_TO without an arrow and unknown relationships muted", () => {
    const cy = styledGraph();
    expect(edgeOf(cy, "RELATES_TO").style("target-arrow-shape")).toBe("none");
    const unknown = edgeOf(cy, "NEW_KIND");
    expect(unknown.style("line-color")).toBe("rgb(189,189,189)");
    expect(unknown.style("target-arrow-shape")).toBe("triangle");
    expect(Number.parseFloat(unknown.style("width"))).toBeLessThan(
      Number.parseFloat(edgeOf(cy, "BLOCKS").style("width")),
    );
  });

  it("shapes nodes by type, marks the root, failures and closed cases", () => {
    const cy = styledGraph();
    const node = (key: string) => cy.getElementById(key);
    expect(node("CASE:a").style("shape")).toBe("round-rectangle");
    expect(node("INCIDENT:b").style("shape")).toBe("cut-rectangle");
    expect(node("PAGE:c").style("shape")).toBe("tag");
    expect(node("AGENT_CONVERSATION:d").style("shape")).toBe("ellipse");
    expect(node("ROBOT:e").style("shape")).toBe("rectangle");
    expect(Number.parseFloat(node("CASE:a").style("border-width"))).toBeGreaterThanOrEqual(5);
    expect(node("CASE:f").style("border-style")).toBe("dashed");
    expect(node("CASE:f").style("border-color")).toBe("rgb(211,47,47)");
    expect(Number(node("CASE:f").style("opacity"))).toBeLessThan(1);
  });

  it("hides labels below a readable zoomed size", () => {
    const cy = styledGraph();
    expect(cy.getElementById("CASE:a").style("min-zoomed-font-size")).toBe("6px");
  });
});
