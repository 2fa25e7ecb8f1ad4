import type { StylesheetJson } from "cytoscape";
import { RELATIONSHIP_STYLES } from "../../../lib/graph-vocabulary";
import { LONG_EDGE_CLASS } from "./long-edges";
import { READABLE_LABEL_PX } from "./viewport";

/** Dashes and dots of a long edge: the same line styles, drawn with fewer, longer strokes. */
const LONG_DASH = [60, 30];
const LONG_DOT = [0.5, 30];

/**
 * The canvas rasterises every dash of a dashed line, the parts off screen included, so a few
 * hundred long dashed edges across a big graph cost 100 ms and more in each frame. Long edges
 * keep their dashes or dots, only spaced wider.
 */
function longEdgeRules(): StylesheetJson {
  return Object.entries(RELATIONSHIP_STYLES)
    .filter(([, style]) => style.line !== "solid")
    .map(([relationship, style]) => ({
      selector: `edge.${LONG_EDGE_CLASS}[rel = "${relationship}"]`,
      style:
        style.line === "dotted"
          ? { "line-style": "dashed", "line-dash-pattern": LONG_DOT, "line-cap": "round" }
          : { "line-dash-pattern": LONG_DASH },
    }));
}

/**
 * Past a size, drawing cost matters more than finish: straight edges instead of curves, long
 * edges with sparser dashes, and no labels at zooms where they could not be read anyway.
 */
export const LARGE_GRAPH_STYLES: StylesheetJson = [
  { selector: "edge", style: { "curve-style": "straight" } },
  ...longEdgeRules(),
  { selector: "node", style: { "min-zoomed-font-size": READABLE_LABEL_PX - 3 } },
];
