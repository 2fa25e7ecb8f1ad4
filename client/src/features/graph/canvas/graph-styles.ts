import type { StylesheetJson } from "cytoscape";
import {
  CLOSED_OPACITY,
  ENTITY_KINDS,
  NODE_LABEL_FONT_PX,
  NODE_MARKS,
  PRIORITY_STRIPE_SHARE,
  PRIORITY_STRIPES,
  RELATIONSHIP_STYLES,
  STATUS_MARKS,
} from "../../../lib/graph-vocabulary";

/** Node boxes fit a headline and two lines of title at NODE_LABEL_FONT_PX. */
export const NODE_BOX = { width: 196, height: 62, textWidth: 164 } as const;
export const ROOT_BOX = { width: 224, height: 70, textWidth: 186 } as const;
export const SMALL_BOX = { width: 170, height: 52, textWidth: 138 } as const;
/** Kinds drawn in the small box. */
export const SMALL_KINDS: readonly string[] = ["page", "agent", "unknown"];
/** Border widths: every node, a failed lookup, the root (which wins over failed). */
export const BORDER_PX = { node: 1.5, failed: 2.5, root: 4 } as const;

function relationshipRules(): StylesheetJson {
  return Object.entries(RELATIONSHIP_STYLES).map(([relationship, style]) => ({
    selector: `edge[rel = "${relationship}"]`,
    style: {
      "line-color": style.color,
      "target-arrow-color": style.color,
      "line-style": style.line,
      width: style.width,
      "target-arrow-shape": style.arrow ? "triangle" : "none",
      "arrow-scale": style.width >= 2 ? 1.1 : 0.8,
      // RELATES_TO has no direction, so the cheapest curve is enough; the rest need arrows.
      "curve-style": style.arrow ? "bezier" : "haystack",
    },
  }));
}

/**
 * What a live re-read changed (classes from features/live): new entities and links glow green,
 * changed ones amber, a newly cleared blocker gets a green ring, a removed link stays a while
 * as a faint dashed ghost.
 */
const LIVE_CHANGE_STYLES: StylesheetJson = [
  {
    selector: "node.live-new",
    style: { "underlay-color": "#16a34a", "underlay-opacity": 0.35, "underlay-padding": 8 },
  },
  {
    selector: "edge.live-new",
    style: { "underlay-color": "#16a34a", "underlay-opacity": 0.35, "underlay-padding": 4 },
  },
  {
    selector: "node.live-changed",
    style: { "underlay-color": "#f59e0b", "underlay-opacity": 0.4, "underlay-padding": 8 },
  },
  {
    selector: "node.live-cleared",
    style: {
      opacity: 1,
      "outline-width": 4,
      "outline-color": "#16a34a",
      "outline-style": "solid",
      "outline-offset": 3,
    },
  },
  {
    selector: "edge.live-ghost",
    style: { "line-style": "dashed", "line-dash-pattern": [4, 6], opacity: 0.3, width: 1.5 },
  },
];

/**
 * Priority is a stripe along the left edge, so it never eats into the label as a thick border
 * would; one rule per priority and status, as a gradient cannot read its colours from data.
 */
function priorityRules(): StylesheetJson {
  const edge = `${PRIORITY_STRIPE_SHARE * 100}%`;
  return PRIORITY_STRIPES.flatMap(({ rank, color }) =>
    Object.entries(STATUS_MARKS).map(([tone, mark]) => ({
      selector: `node[rank = ${rank}][tone = "${tone}"]`,
      style: {
        "background-fill": "linear-gradient",
        "background-gradient-direction": "to-right",
        "background-gradient-stop-colors": [color, color, mark.fill, mark.fill],
        "background-gradient-stop-positions": ["0%", edge, edge, "100%"],
      },
    })),
  );
}

/**
 * The one cytoscape stylesheet, generated from the graph vocabulary. Everything is driven by
 * element data (`kind`, `tone`, `rank`, `rel`, `label`) and classes (`root`, `closed`,
 * `failed`, `pending`, `frontier`, `selected`, `highlighted`, `faded`, `cluster`); later rules
 * win, so state rules come last.
 */
export const GRAPH_STYLESHEET: StylesheetJson = [
  {
    selector: "node",
    style: {
      shape: "rectangle",
      width: NODE_BOX.width,
      height: NODE_BOX.height,
      "background-color": STATUS_MARKS.unknown.fill,
      "border-width": BORDER_PX.node,
      "border-color": NODE_MARKS.border,
      label: "data(label)",
      "font-size": NODE_LABEL_FONT_PX,
      // cytoscape accepts family names in double quotes only (a single-quoted one voids the rule).
      "font-family": 'system-ui, "DejaVu Sans", sans-serif',
      color: NODE_MARKS.text,
      // The label sits inside its box, clear of the border and the priority stripe, so the
      // layout can space boxes without labels colliding; titles are wrapped by nodeLabel.
      "text-wrap": "wrap",
      "text-max-width": `${NODE_BOX.textWidth}px`,
      "text-valign": "center",
      "text-halign": "center",
      "line-height": 1.2,
      // Below ~6px on screen labels are unreadable mush; hide them instead of drawing them.
      "min-zoomed-font-size": 6,
    },
  },
  ...Object.entries(STATUS_MARKS).map(([tone, mark]) => ({
    selector: `node[tone = "${tone}"]`,
    style: { "background-color": mark.fill },
  })),
  ...ENTITY_KINDS.map(({ kind, canvasShape }) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: canvasShape },
  })),
  {
    selector: SMALL_KINDS.map((kind) => `node[kind = "${kind}"]`).join(", "),
    style: {
      width: SMALL_BOX.width,
      height: SMALL_BOX.height,
      "text-max-width": `${SMALL_BOX.textWidth}px`,
    },
  },
  ...priorityRules(),
  {
    selector: "edge",
    style: {
      width: 1,
      "line-color": RELATIONSHIP_STYLES.OTHER.color,
      "target-arrow-color": RELATIONSHIP_STYLES.OTHER.color,
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      "curve-style": "bezier",
      // Opaque edges are much cheaper to draw than translucent ones.
      opacity: 1,
    },
  },
  ...relationshipRules(),
  { selector: "node.pending", style: { "background-opacity": 0.45, "border-style": "dashed" } },
  { selector: "node.closed", style: { opacity: CLOSED_OPACITY } },
  {
    selector: "node.frontier",
    style: {
      "outline-width": 3,
      "outline-color": NODE_MARKS.frontier,
      "outline-style": "dotted",
      "outline-offset": 4,
    },
  },
  {
    selector: "node.failed",
    style: {
      "border-width": BORDER_PX.failed,
      "border-style": "dashed",
      "border-color": NODE_MARKS.failed,
    },
  },
  {
    selector: "node.root",
    style: {
      width: ROOT_BOX.width,
      height: ROOT_BOX.height,
      "text-max-width": `${ROOT_BOX.textWidth}px`,
      "border-width": BORDER_PX.root,
      "border-style": "double",
      "border-color": NODE_MARKS.root,
      "font-weight": "bold",
    },
  },
  { selector: "node.faded", style: { opacity: 0.18 } },
  { selector: "edge.faded", style: { opacity: 0.12 } },
  { selector: "node.highlighted", style: { opacity: 1, "z-index": 10 } },
  { selector: "edge.highlighted", style: { opacity: 1, "z-index": 9, width: 3.5 } },
  ...LIVE_CHANGE_STYLES,
  {
    selector: "node.selected",
    style: {
      "underlay-color": NODE_MARKS.selection,
      "underlay-opacity": 0.9,
      "underlay-padding": 3,
      opacity: 1,
    },
  },
];
