import type { KnownRelationship } from "@casegraph/server/contract";
import type { StylesheetJson } from "cytoscape";

export type EdgeLineStyle = "solid" | "dashed" | "dotted";

export interface RelationshipStyle {
  color: string;
  line: EdgeLineStyle;
  width: number;
  arrow: boolean;
  /** Plain words for a legend. */
  description: string;
}

/** Used for relationship types Datadog may add later. */
export const OTHER_RELATIONSHIP = "OTHER";

/** One table for the canvas and the legend, so the two can never disagree. */
export const RELATIONSHIP_STYLES: Readonly<
  Record<KnownRelationship | typeof OTHER_RELATIONSHIP, RelationshipStyle>
> = {
  BLOCKS: { color: "#d62728", line: "solid", width: 3, arrow: true, description: "blocks" },
  CAUSES: { color: "#ff7f0e", line: "dashed", width: 2.5, arrow: true, description: "causes" },
  DUPLICATES: {
    color: "#9467bd",
    line: "dotted",
    width: 2.5,
    arrow: true,
    description: "duplicates",
  },
  RELATES_TO: {
    color: "#9e9e9e",
    line: "solid",
    width: 1.5,
    arrow: false,
    description: "relates to",
  },
  PARENT_OF: { color: "#b0b0b0", line: "solid", width: 1, arrow: true, description: "parent of" },
  SUCCESSOR_OF: {
    color: "#a8a8b8",
    line: "dashed",
    width: 1,
    arrow: true,
    description: "successor of",
  },
  ESCALATES_TO: {
    color: "#b8a8a8",
    line: "dotted",
    width: 1,
    arrow: true,
    description: "escalates to",
  },
  OTHER: { color: "#bdbdbd", line: "solid", width: 1, arrow: true, description: "other link" },
};

/** Node fill by `data(tone)`; see `statusTone` in to-elements.ts. */
export const STATUS_COLORS = {
  open: "#cfe3ff",
  progress: "#ffe4a8",
  closed: "#e6e8eb",
  active: "#ffd2c9",
  stable: "#ffe4a8",
  resolved: "#d9efc4",
  unknown: "#eceff1",
} as const;
export type StatusTone = keyof typeof STATUS_COLORS;

/** Border width by `data(rank)` (1 = P1/SEV-1, strongest; 0 = none). */
const PRIORITY_BORDERS: ReadonlyArray<{ rank: number; width: number; color: string }> = [
  { rank: 1, width: 6, color: "#7f0000" },
  { rank: 2, width: 4.5, color: "#b71c1c" },
  { rank: 3, width: 3, color: "#e65100" },
  { rank: 4, width: 2, color: "#795548" },
  { rank: 5, width: 1.5, color: "#9e9e9e" },
];

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
 * The one cytoscape stylesheet. Everything is driven by element data (`kind`, `tone`, `rank`,
 * `rel`, `label`) and classes (`root`, `closed`, `failed`, `pending`, `frontier`, `selected`,
 * `highlighted`, `faded`, `dup-group`); later rules win, so state rules come last.
 */
export const GRAPH_STYLESHEET: StylesheetJson = [
  {
    selector: "node",
    style: {
      shape: "rectangle",
      width: 150,
      height: 58,
      "background-color": STATUS_COLORS.unknown,
      "border-width": 1,
      "border-color": "#607d8b",
      label: "data(label)",
      "font-size": 12,
      "font-family": "system-ui, sans-serif",
      color: "#1f2933",
      // The label sits inside its box, so the layout can space boxes without labels colliding.
      "text-wrap": "wrap",
      "text-max-width": "138px",
      "text-valign": "center",
      "text-halign": "center",
      "line-height": 1.25,
      // Below ~6px on screen labels are unreadable mush; hide them instead of drawing them.
      "min-zoomed-font-size": 6,
    },
  },
  ...Object.entries(STATUS_COLORS).map(([tone, color]) => ({
    selector: `node[tone = "${tone}"]`,
    style: { "background-color": color },
  })),
  { selector: 'node[kind = "case"]', style: { shape: "round-rectangle" } },
  { selector: 'node[kind = "incident"]', style: { shape: "cut-rectangle" } },
  { selector: 'node[kind = "page"]', style: { shape: "tag", width: 130, height: 44 } },
  { selector: 'node[kind = "agent"]', style: { shape: "ellipse", width: 130, height: 44 } },
  {
    selector: 'node[kind = "unknown"]',
    style: { shape: "rectangle", "background-color": "#e0e0e0", width: 130, height: 44 },
  },
  ...PRIORITY_BORDERS.map(({ rank, width, color }) => ({
    selector: `node[rank = ${rank}]`,
    style: { "border-width": width, "border-color": color },
  })),
  {
    selector: "node.dup-group",
    style: {
      shape: "round-rectangle",
      "background-color": RELATIONSHIP_STYLES.DUPLICATES.color,
      "background-opacity": 0.08,
      "border-width": 1.5,
      "border-style": "dotted",
      "border-color": RELATIONSHIP_STYLES.DUPLICATES.color,
      "text-valign": "top",
      "text-margin-y": -4,
      padding: "12px",
    },
  },
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
  { selector: "node.closed", style: { opacity: 0.55 } },
  {
    selector: "node.frontier",
    style: {
      "outline-width": 3,
      "outline-color": "#90a4ae",
      "outline-style": "dotted",
      "outline-offset": 3,
    },
  },
  {
    selector: "node.failed",
    style: { "border-width": 3, "border-style": "dashed", "border-color": "#d32f2f" },
  },
  {
    selector: "node.root",
    style: {
      width: 190,
      height: 66,
      "border-width": 5,
      "border-color": "#0d47a1",
      "font-size": 13,
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
      "overlay-color": "#1565c0",
      "overlay-opacity": 0.18,
      "overlay-padding": 6,
      opacity: 1,
    },
  },
];
