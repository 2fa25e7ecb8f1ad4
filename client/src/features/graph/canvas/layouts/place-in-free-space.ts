import type { BoundingBox12, Core, NodeSingular } from "cytoscape";

const GAP = 24;
/** Rings of candidate spots around the anchor, nearest first. */
const RINGS = 6;

function overlaps(a: BoundingBox12, b: BoundingBox12): boolean {
  return a.x1 < b.x2 + GAP && b.x1 < a.x2 + GAP && a.y1 < b.y2 + GAP && b.y1 < a.y2 + GAP;
}

/**
 * Places nodes that arrived with a live update beside a neighbour, on the first spot that
 * overlaps no other node, and moves nothing else: a change moves only what it must.
 */
export function placeInFreeSpace(cy: Core, addedIds: readonly string[]): void {
  const added = new Set(addedIds);
  cy.batch(() => {
    for (const id of addedIds) {
      const node = cy.getElementById(id);
      if (node.empty() || !node.isNode() || node.isParent()) continue;
      const placed = (node as NodeSingular)
        .neighborhood()
        .nodes()
        .filter((other) => !added.has(other.id()) && !other.isParent());
      const anchor = placed.first() as NodeSingular;
      const others = cy.nodes().filter((other) => other.id() !== id && !other.isParent());
      const boxes = others.toArray().map((other) => other.boundingBox({ includeLabels: false }));
      const { w, h } = node.boundingBox({ includeLabels: false });
      const centre = anchor.nonempty() ? anchor.position() : cy.nodes().boundingBox({});
      const origin =
        "x" in centre ? centre : { x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 };
      const spot = freeSpot(origin, w, h, boxes);
      node.position(spot);
      added.delete(id);
    }
  });
}

function freeSpot(
  origin: { x: number; y: number },
  w: number,
  h: number,
  boxes: BoundingBox12[],
): { x: number; y: number } {
  const stepX = w + GAP;
  const stepY = h + GAP;
  const free = (x: number, y: number) => {
    const box = { x1: x - w / 2, x2: x + w / 2, y1: y - h / 2, y2: y + h / 2 };
    return boxes.every((other) => !overlaps(box, other));
  };
  for (let ring = 1; ring <= RINGS; ring++) {
    // Above and below first (layered layouts read top to bottom), then the sides.
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const x = origin.x + dx * stepX;
        const y = origin.y + dy * stepY;
        if (free(x, y)) return { x, y };
      }
    }
  }
  // Nothing free near the anchor: below everything, where nothing can be in the way.
  const bottom = Math.max(origin.y, ...boxes.map((box) => box.y2));
  return { x: origin.x, y: bottom + GAP + h / 2 };
}
