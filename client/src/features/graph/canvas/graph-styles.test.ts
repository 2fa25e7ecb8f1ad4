import { RELATIONSHIPS } from "@casegraph/server/contract";
import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import {
  NODE_MARKS,
  PRIORITY_STRIPE_SHARE,
  RELATIONSHIP_STYLES,
  styledRelationship,
} from "../../../lib/graph-vocabulary";
import { applyDiff } from "./apply-diff";
import { GRAPH_STYLESHEET } from "./graph-styles";
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

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r},${g},${b})`;
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

  it("draws every relationship exactly as the vocabulary's table says", () => {
    const cy = styledGraph();
    for (const relationship of [...RELATIONSHIPS, "NEW_KIND"]) {
      const expected = RELATIONSHIP_STYLES[styledRelationship(relationship)];
      const edge = edgeOf(cy, relationship);
      expect(edge.style("line-color"), relationship).toBe(rgb(expected.color));
      expect(edge.style("line-style"), relationship).toBe(expected.line);
      expect(Number.parseFloat(edge.style("width")), relationship).toBe(expected.width);
      expect(edge.style("target-arrow-shape"), relationship).toBe(
        expected.arrow ? "triangle" : "none",
      );
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
    expect(node("CASE:a").style("border-style")).toBe("double");
    expect(Number.parseFloat(node("CASE:a").style("width"))).toBeGreaterThan(
      Number.parseFloat(node("INCIDENT:b").style("width")),
    );
    expect(node("CASE:f").style("border-style")).toBe("dashed");
    expect(node("CASE:f").style("border-color")).toBe(rgb(NODE_MARKS.failed));
    expect(Number(node("CASE:f").style("opacity"))).toBeLessThan(1);
  });

  it("keeps the label clear of borders and the priority stripe", () => {
    const cy = styledGraph();
    cy.getElementById("CASE:a").data("rank", 1);
    for (const node of cy.nodes().toArray()) {
      const width = Number.parseFloat(node.style("width"));
      const text = Number.parseFloat(node.style("text-max-width"));
      const border = Number.parseFloat(node.style("border-width"));
      // Centred text leaves (width - text) / 2 each side; stripe and border must fit in it.
      expect((width - text) / 2, node.id()).toBeGreaterThanOrEqual(
        width * PRIORITY_STRIPE_SHARE + border,
      );
    }
    expect(cy.getElementById("CASE:a").style("background-fill")).toBe("linear-gradient");
  });

  it("hides labels below a readable zoomed size", () => {
    const cy = styledGraph();
    expect(cy.getElementById("CASE:a").style("min-zoomed-font-size")).toBe("6px");
  });
});
