import type { Core, EdgeSingular } from "cytoscape";
import type { NodeBox } from "./box-grid";
import { type Detour, planDetours } from "./link-detours";
import { CREATED_EVENT, creationPending } from "./sliced-creation";

/** Where an edge keeps the detour it is drawn with, so an unchanged one is not restyled. */
const SCRATCH = "_casegraphDetour";
const DETOUR_STYLE_KEYS =
  "curve-style edge-distances segment-weights segment-distances segment-radii";
/** Corners of a detour are rounded this much, so it reads as one line stepping aside. */
const CORNER_RADIUS = 14;

function signature(detour: Detour | undefined): string {
  return detour ? `${detour.weights.join(" ")}|${detour.distances.join(" ")}` : "";
}

function show(edge: EdgeSingular, detour: Detour | undefined): void {
  const wanted = signature(detour);
  if ((edge.scratch(SCRATCH) ?? "") === wanted) return;
  edge.scratch(SCRATCH, wanted);
  if (!detour) {
    edge.removeStyle(DETOUR_STYLE_KEYS);
    return;
  }
  // A bypass on this one edge: the stylesheet stays the same for every other element.
  edge.style({
    "curve-style": "round-segments",
    "edge-distances": "node-position",
    "segment-weights": detour.weights.map((w) => w.toFixed(4)).join(" "),
    "segment-distances": detour.distances.map((d) => d.toFixed(1)).join(" "),
    "segment-radii": CORNER_RADIUS,
  });
}

/** The drawn boxes of `cy`'s nodes, rings round them (a collapsed group's, the selection's). */
function nodeBoxes(cy: Core): Map<string, NodeBox> {
  const boxes = new Map<string, NodeBox>();
  for (const node of cy.nodes().toArray()) {
    const box = node.boundingBox({ includeLabels: false });
    boxes.set(node.id(), {
      x: (box.x1 + box.x2) / 2,
      y: (box.y1 + box.y2) / 2,
      w: box.w,
      h: box.h,
    });
  }
  return boxes;
}

/** The detours of the picture `cy` shows now, by link id. */
export function detoursOf(cy: Core): Map<string, Detour> {
  const links = cy.edges().map((edge) => ({
    id: edge.id(),
    source: edge.source().id(),
    target: edge.target().id(),
  }));
  return planDetours(nodeBoxes(cy), links);
}

/**
 * Keeps every link drawn clear of the nodes it does not join (link-detours.ts): once per task
 * after nodes move (a layout, a glide frame, a drag) or elements come and go, since a node that
 * moves can come to stand in front of any link, not only its own. While a draw's elements are
 * still being created slice by slice, once when the last slice is in: planned after every
 * slice, the whole graph was planned again for frames that are mostly not drawn
 * (partial-frames.ts), 84 ms of the main thread between settled and painted at 300/10 in a
 * page profile, against about 33 ms planned once. Returns the cleanup.
 */
export function followDetours(cy: Core): () => void {
  let queued = false;
  const update = () => {
    queued = false;
    if (cy.destroyed() || creationPending(cy)) return;
    const detours = detoursOf(cy);
    cy.batch(() => {
      for (const edge of cy.edges().toArray()) show(edge, detours.get(edge.id()));
    });
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(update);
  };
  cy.on("position", "node", schedule);
  cy.on("add remove", schedule);
  cy.on(CREATED_EVENT, schedule);
  schedule();
  return () => {
    if (cy.destroyed()) return;
    cy.off("position", "node", schedule);
    cy.off("add remove", schedule);
    cy.off(CREATED_EVENT, schedule);
  };
}
