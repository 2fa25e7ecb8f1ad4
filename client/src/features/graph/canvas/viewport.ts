import type { Core, NodeCollection } from "cytoscape";
import type { Point } from "./layouts/point";

/** Labels smaller than this on screen (CSS px) are not readable. */
export const READABLE_LABEL_PX = 11;
/** The opening view never magnifies a small graph past this. */
const MAX_OPENING_ZOOM = 1.4;
/** Room left around what Fit and "bring into view" frame, in CSS px. */
const VIEW_PADDING = 30;
/** The opening view spends little on margins: every pixel helps what is in the way fit. */
const OPENING_PADDING = 12;
/** The note "N more nodes off screen — Fit all" (graph-canvas.css): 12 px up, about 26 px tall. */
const OFF_SCREEN_NOTE_ROOM = 48;
const MOVE_MS = 300;

interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The zoom at which the smallest label among `nodes` is READABLE_LABEL_PX on screen. */
export function readableZoom(nodes: NodeCollection): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const node of nodes.toArray()) {
    const size = node.numericStyle("font-size");
    if (size > 0) smallest = Math.min(smallest, size);
  }
  // A hair above, so rounding never leaves a label at 10.99 px.
  return Number.isFinite(smallest) ? (READABLE_LABEL_PX * 1.005) / smallest : 1;
}

/** Bounds of `nodes` where they stand on the Core. */
function boundsOfNodes(nodes: NodeCollection): Bounds | null {
  let bounds: Bounds | null = null;
  for (const node of nodes.toArray()) {
    const p = node.position();
    const w = node.outerWidth() / 2;
    const h = node.outerHeight() / 2;
    bounds = bounds
      ? {
          x1: Math.min(bounds.x1, p.x - w),
          y1: Math.min(bounds.y1, p.y - h),
          x2: Math.max(bounds.x2, p.x + w),
          y2: Math.max(bounds.y2, p.y + h),
        }
      : { x1: p.x - w, y1: p.y - h, x2: p.x + w, y2: p.y + h };
  }
  return bounds;
}

/** `below`: pixels at the bottom of the pane left out, as if the pane ended above them. */
function fitZoom(cy: Core, b: Bounds, padding = VIEW_PADDING, below = 0): number {
  const w = Math.max(1, b.x2 - b.x1);
  const h = Math.max(1, b.y2 - b.y1);
  return Math.min((cy.width() - 2 * padding) / w, (cy.height() - below - 2 * padding) / h);
}

/** The pan that puts the centre of `b` at the centre of the pane (less `below`) at `zoom`. */
function panFor(cy: Core, b: Bounds, zoom: number, below = 0): Point {
  return {
    x: cy.width() / 2 - ((b.x1 + b.x2) / 2) * zoom,
    y: (cy.height() - below) / 2 - ((b.y1 + b.y2) / 2) * zoom,
  };
}

function go(cy: Core, zoom: number, pan: Point, animate: boolean) {
  const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), zoom));
  cy.stop(true, false);
  if (animate) cy.animate({ zoom: level, pan }, { duration: MOVE_MS, easing: "ease-in-out-cubic" });
  else cy.viewport({ zoom: level, pan });
}

/** A node as the opening view needs it: its centre-to-be, its box, its label size. */
export interface PlannedNode {
  x: number;
  y: number;
  w: number;
  h: number;
  fontPx: number;
  root: boolean;
}

function boundsOf(nodes: readonly PlannedNode[]): Bounds | null {
  let bounds: Bounds | null = null;
  for (const n of nodes) {
    const b = { x1: n.x - n.w / 2, y1: n.y - n.h / 2, x2: n.x + n.w / 2, y2: n.y + n.h / 2 };
    bounds = bounds
      ? {
          x1: Math.min(bounds.x1, b.x1),
          y1: Math.min(bounds.y1, b.y1),
          x2: Math.max(bounds.x2, b.x2),
          y2: Math.max(bounds.y2, b.y2),
        }
      : b;
  }
  return bounds;
}

function readableZoomOf(nodes: readonly PlannedNode[]): number {
  const smallest = Math.min(...nodes.map((n) => (n.fontPx > 0 ? n.fontPx : Infinity)));
  return Number.isFinite(smallest) ? (READABLE_LABEL_PX * 1.005) / smallest : 1;
}

/**
 * The opening view answers "what is in the way": the whole graph when it fits at a readable
 * size; otherwise the focus (the root, its open blockers, its cause chain, the selected node)
 * at the largest zoom that shows all of it, never below readable (then centred on it). It reads
 * the planned nodes, not the Core, so the view is set before a big graph's nodes are created
 * (and those in view are created first).
 */
export function frameOpeningView(
  cy: Core,
  planned: ReadonlyMap<string, PlannedNode>,
  focus: ReadonlySet<string>,
  animate: boolean,
): void {
  const all = [...planned.values()];
  const whole = boundsOf(all);
  if (!whole) return;
  const focusNodes = [...planned].filter(([id]) => focus.has(id)).map(([, n]) => n);
  const readable = readableZoomOf(focusNodes.length > 0 ? focusNodes : all);
  const wholeZoom = fitZoom(cy, whole, OPENING_PADDING);
  if (wholeZoom >= readable) {
    const zoom = Math.min(wholeZoom, Math.max(MAX_OPENING_ZOOM, readable));
    go(cy, zoom, panFor(cy, whole, zoom), animate);
    return;
  }
  // Not all of it fits, so the canvas says how much is off screen in a note along its bottom
  // edge: what is in the way is framed in the pane above that note, unless that room is what
  // would keep it from fitting at a readable size (all of it in view matters more).
  const roots = all.filter((n) => n.root);
  const focusBounds = boundsOf(focusNodes.length > 0 ? focusNodes : roots) ?? whole;
  const room = OFF_SCREEN_NOTE_ROOM - OPENING_PADDING;
  const fitsOnlyWithoutRoom =
    fitZoom(cy, focusBounds, OPENING_PADDING, room) < readable &&
    fitZoom(cy, focusBounds, OPENING_PADDING) >= readable;
  const below = fitsOnlyWithoutRoom ? 0 : room;
  const zoom = Math.max(
    readable,
    Math.min(fitZoom(cy, focusBounds, OPENING_PADDING, below), MAX_OPENING_ZOOM),
  );
  const pan = panFor(cy, focusBounds, zoom, below);
  // Along an axis where the whole graph fits at this zoom, centre the whole graph instead: the
  // focus stays in view and the pane's spare room shows the rest, not empty canvas.
  if ((whole.x2 - whole.x1) * zoom <= cy.width() - 2 * OPENING_PADDING) {
    pan.x = panFor(cy, whole, zoom).x;
  }
  if ((whole.y2 - whole.y1) * zoom <= cy.height() - below - 2 * OPENING_PADDING) {
    pan.y = panFor(cy, whole, zoom, below).y;
  }
  // When not all of it fits, the root at least is wholly on screen.
  const root = boundsOf(roots);
  if (root) {
    const keep = (offset: number, low: number, high: number, size: number) =>
      Math.min(
        Math.max(offset, OPENING_PADDING - low * zoom),
        size - OPENING_PADDING - high * zoom,
      );
    pan.x = keep(pan.x, root.x1, root.x2, cy.width());
    pan.y = keep(pan.y, root.y1, root.y2, cy.height() - below);
  }
  go(cy, zoom, pan, animate);
}

/**
 * Brings `nodes` into view, animated: zooms out only as far as readable (the person may zoom
 * out further themselves) and in only up to readable, so what is shown is always legible.
 */
export function bringIntoView(cy: Core, nodes: NodeCollection): void {
  const b = boundsOfNodes(nodes);
  if (!b) return;
  const readable = readableZoom(nodes);
  const current = cy.zoom();
  const fit = fitZoom(cy, b);
  const zoom = fit >= current ? Math.max(current, readable) : Math.max(fit, readable);
  go(cy, zoom, panFor(cy, b, zoom), true);
}

/** Shows every node, whatever the size of the labels: the person asked for it. */
export function fitAll(cy: Core): void {
  const b = boundsOfNodes(cy.nodes());
  if (!b) return;
  const zoom = Math.min(fitZoom(cy, b), MAX_OPENING_ZOOM);
  go(cy, zoom, panFor(cy, b, zoom), true);
}

/** Nodes not wholly inside the pane. */
export function countOffScreen(cy: Core): number {
  const view = cy.extent();
  let count = 0;
  for (const node of cy.nodes().toArray()) {
    const b = node.boundingBox({ includeLabels: false, includeOverlays: false });
    if (b.x1 < view.x1 || b.x2 > view.x2 || b.y1 < view.y1 || b.y2 > view.y2) count++;
  }
  return count;
}
