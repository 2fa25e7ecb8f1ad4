import type { Core, EdgeSingular, EventObject, NodeSingular } from "cytoscape";

/** The class of an edge longer than LONG_EDGE_PX; large-graph-styles.ts draws it cheaper. */
export const LONG_EDGE_CLASS = "long-edge";
/**
 * Longer than the opening view is wide (1,280 px at the zoom it opens at): such an edge crosses
 * the screen with neither end on it.
 */
export const LONG_EDGE_PX = 1_200;

function isLong(edge: EdgeSingular): boolean {
  const from = edge.source().position();
  const to = edge.target().position();
  return Math.hypot(to.x - from.x, to.y - from.y) > LONG_EDGE_PX;
}

function mark(edge: EdgeSingular): void {
  const long = isLong(edge);
  if (long !== edge.hasClass(LONG_EDGE_CLASS)) edge.toggleClass(LONG_EDGE_CLASS, long);
}

/**
 * Keeps LONG_EDGE_CLASS on exactly the edges that are long, from the moment each is added (its
 * handler runs inside `cy.add`, before its style is first computed, so creating an edge styles
 * it once) and whenever one of its nodes moves. Returns the cleanup.
 */
export function followLongEdges(cy: Core): () => void {
  const onAdd = (event: EventObject) => mark(event.target as EdgeSingular);
  const onMove = (event: EventObject) => {
    for (const edge of (event.target as NodeSingular).connectedEdges()) mark(edge);
  };
  cy.on("add", "edge", onAdd);
  cy.on("position", "node", onMove);
  cy.edges().forEach(mark);
  return () => {
    if (cy.destroyed()) return;
    cy.off("add", "edge", onAdd);
    cy.off("position", "node", onMove);
  };
}
