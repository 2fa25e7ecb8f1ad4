import type { StylesheetJson } from "cytoscape";
import { READABLE_LABEL_PX } from "./viewport";

/**
 * Past a size, drawing cost matters more than finish: straight edges instead of curves, and no
 * labels at zooms where they could not be read anyway.
 */
export const LARGE_GRAPH_STYLES: StylesheetJson = [
  { selector: "edge", style: { "curve-style": "straight" } },
  { selector: "node", style: { "min-zoomed-font-size": READABLE_LABEL_PX - 3 } },
];
