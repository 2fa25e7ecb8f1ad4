import type { StylesheetJson } from "cytoscape";
import { RELATIONSHIP_STYLES } from "../../../lib/graph-vocabulary";
import { LONG_EDGE_CLASS } from "./long-edges";
import { READABLE_LABEL_PX } from "./viewport";

/** Dashes and dots of a long edge: the same line styles, drawn with fewer, longer strokes. */
const LONG_DASH = [60, 30];
const LONG_DOT = [1.5, 18];

/** A removed link's ghost (graph-styles.ts, dashes of 4 and 6), spaced wider alike. */
const LONG_GHOST_DASH = [16, 24];

/**
 * The canvas rasterises every dash of a dashed line, the parts off screen included: at 5,000
 * nodes the long dashed and dotted edges cost 100–140 ms of each frame (Chromium trace, layer
 * update), against about 20 ms with every edge solid. Long edges keep their dashes or dots,
 * only spaced wider.
 */
function longEdgeRules(): StylesheetJson {
  const long = `edge.${LONG_EDGE_CLASS}`;
  return [
    ...Object.entries(RELATIONSHIP_STYLES)
      .filter(([, style]) => style.line !== "solid")
      .map(([relationship, style]) => ({
        selector: `${long}[rel = "${relationship}"]`,
        style:
          style.line === "dotted"
            ? ({
                "line-style": "dashed",
                "line-dash-pattern": LONG_DOT,
                "line-cap": "round",
              } as const)
            : { "line-dash-pattern": LONG_DASH },
      })),
    {
      selector: `${long}.live-ghost`,
      style: {
        "line-style": "dashed",
        "line-dash-pattern": LONG_GHOST_DASH,
        "line-cap": "butt",
      } as const,
    },
  ];
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
