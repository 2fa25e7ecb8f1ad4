import type { Core } from "cytoscape";

const DISTANCE = 70;
/** The golden angle spreads siblings of one anchor evenly around it. */
const GOLDEN_ANGLE = 2.399963;

/**
 * Puts freshly added nodes beside a neighbour that was already placed, so the re-run layout
 * (animated on small graphs) grows the graph from where the user is looking.
 */
export function placeNearNeighbours(cy: Core, addedIds: readonly string[]): void {
  const added = new Set(addedIds);
  const perAnchor = new Map<string, number>();
  cy.batch(() => {
    for (const id of addedIds) {
      const node = cy.getElementById(id);
      if (node.empty() || !node.isNode() || node.isParent()) continue;
      const anchor = node
        .neighborhood()
        .nodes()
        .filter((other) => !added.has(other.id()))
        .nodes()
        .first();
      if (anchor.empty()) continue;
      const index = perAnchor.get(anchor.id()) ?? 0;
      perAnchor.set(anchor.id(), index + 1);
      const { x, y } = anchor.position();
      const angle = index * GOLDEN_ANGLE;
      node.position({ x: x + DISTANCE * Math.cos(angle), y: y + DISTANCE * Math.sin(angle) });
    }
  });
}
