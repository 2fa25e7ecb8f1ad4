import type { StatusTone } from "./statuses";

/**
 * How a node shows its state: fill by status, a stripe by priority, and border, ring and tint
 * for root, failure, "more beyond" and selection. None of these colours is an edge colour, and
 * the ones a person must tell apart stay apart under protanopia, deuteranopia and tritanopia
 * (checked in node-marks.test.ts); each also has a glyph or a line style, so colour is never
 * the only cue.
 */
export interface StatusMark {
  fill: string;
  /** Drawn before the key on the canvas and in the node key. */
  glyph: string;
  word: string;
  /** Cases and incidents use different statuses; the node key lists them apart. */
  of: "case" | "incident" | "any";
}

export const STATUS_MARKS: Readonly<Record<StatusTone, StatusMark>> = {
  open: { fill: "#bcd8ff", glyph: "○", word: "Open", of: "case" },
  progress: { fill: "#ffd966", glyph: "◐", word: "In progress", of: "case" },
  closed: { fill: "#cdd1d6", glyph: "✓", word: "Closed (faded)", of: "case" },
  active: { fill: "#ff9575", glyph: "●", word: "Active", of: "incident" },
  stable: { fill: "#ffd966", glyph: "◐", word: "Stable", of: "incident" },
  resolved: { fill: "#c8e6b4", glyph: "✓", word: "Resolved (faded)", of: "incident" },
  unknown: { fill: "#ffffff", glyph: "", word: "Status not known yet", of: "any" },
};

/** Closed and resolved entities are drawn at this opacity. */
export const CLOSED_OPACITY = 0.55;

/** The stripe along a node's left edge, darkest for the most urgent (P1/SEV-1). */
export const PRIORITY_STRIPES: ReadonlyArray<{ rank: number; color: string; word: string }> = [
  { rank: 1, color: "#00332f", word: "P1 / SEV-1" },
  { rank: 2, color: "#00695c", word: "P2 / SEV-2" },
  { rank: 3, color: "#26a69a", word: "P3 / SEV-3" },
  { rank: 4, color: "#7fc8bf", word: "P4 / SEV-4" },
  { rank: 5, color: "#dcf2ef", word: "P5 / SEV-5" },
];

/** Share of the node's width the priority stripe takes. */
export const PRIORITY_STRIPE_SHARE = 0.06;

export const NODE_MARKS = {
  border: "#607d8b",
  /** The root: a double ink border and a larger, bold box. */
  root: "#111827",
  /** A failed lookup: a dashed border and a warning glyph. */
  failed: "#6a1b9a",
  failedGlyph: "⚠",
  /** More links beyond the depth or the cap: a dotted ring outside the box. */
  frontier: "#78909c",
  /** The selected node: a solid ring around the box. */
  selection: "#4fc3f7",
  text: "#1f2933",
} as const;
