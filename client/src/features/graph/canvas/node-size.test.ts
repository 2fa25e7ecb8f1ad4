import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { ENTITY_KINDS } from "../../../lib/graph-vocabulary";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { nodeFontPx, nodeSize } from "./node-size";

const CLASS_SETS = [
  "",
  "root",
  "failed",
  "root failed",
  "pending",
  "closed frontier",
  "cluster selected",
  "highlighted",
  "faded live-new",
  "live-cleared",
];

describe("nodeSize", () => {
  it("is the box cytoscape gives the node with the canvas's stylesheet, and its label size, for every kind and state", () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
    try {
      for (const { kind } of ENTITY_KINDS) {
        for (const classes of CLASS_SETS) {
          const definition = {
            group: "nodes" as const,
            data: { id: `${kind}-${classes}`, kind, tone: "open", rank: 1, label: "A\nB" },
            classes,
          };
          const node = cy.add(definition);
          expect(nodeSize(definition), `${kind} "${classes}"`).toEqual({
            w: node.outerWidth(),
            h: node.outerHeight(),
          });
          expect(nodeFontPx(definition)).toBe(node.numericStyle("font-size"));
        }
      }
    } finally {
      cy.destroy();
    }
  });
});
