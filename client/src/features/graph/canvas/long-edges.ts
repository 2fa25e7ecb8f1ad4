import type { Core, EdgeSingular, EventObject, NodeSingular } from "cytoscape";

/** The class of an edge longer than LONG_EDGE_PX; large-graph-styles.ts draws it cheaper. */
export const LONG_EDGE_CLASS = "long-edge";
/**
 * A tuning threshold, in model px: about the width of a large graph's opening view, so an edge
 * this long mostly runs across the screen rather than between two boxes on it. Links of one
 * kind either side of it are drawn with different dash spacing.
 */
export const LONG_EDGE_PX = 1_200;

function isLong(edge: EdgeSingular): boolean {
  const from = edge.source().position();
  const to = edge.target().position();
  return Math.hypot(to.x - from.x, to.y - from.y) > LONG_EDGE_PX;
}

function mark(edge: EdgeSingular): void {
  if (edge.removed()) return;
  const long = isLong(edge);
  if (long !== edge.hasClass(LONG_EDGE_CLASS)) edge.toggleClass(LONG_EDGE_CLASS, long);
}

/**
 * Keeps LONG_EDGE_CLASS on exactly the edges that are long: each edge from the moment it is
 * added (the handler runs inside `cy.add`, before its style is first computed, so creating an
 * edge styles it once), and the edges of nodes that moved, once per task however many of their
 * nodes moved (a relayout moves thousands in one batch). Returns the cleanup.
 */
export function followLongEdges(cy: Core): () => void {
  let moved = new Set<NodeSingular>();
  const remark = () => {
    const nodes = moved;
    moved = new Set();
    if (cy.destroyed()) return;
    const edges = new Set<EdgeSingular>();
    for (const node of nodes) for (const edge of node.connectedEdges()) edges.add(edge);
    for (const edge of edges) mark(edge);
  };
  const onAdd = (event: EventObject) => mark(event.target as EdgeSingular);
  const onMove = (event: EventObject) => {
    if (moved.size === 0) queueMicrotask(remark);
    moved.add(event.target as NodeSingular);
  };
  cy.on("add", "edge", onAdd);
  cy.on("position", "node", onMove);
  cy.edges().forEach(mark);
  return () => {
    moved.clear();
    if (cy.destroyed()) return;
    cy.off("add", "edge", onAdd);
    cy.off("position", "node", onMove);
  };
}
