import type { Core, NodeSingular } from "cytoscape";

export type Direction = "up" | "down" | "left" | "right";

const DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

export function directionOf(key: string): Direction | null {
  return DIRECTIONS[key] ?? null;
}

const VECTORS: Readonly<Record<Direction, { x: number; y: number }>> = {
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
};

/**
 * The node one edge away from `from` that lies most nearly in `direction` on screen (within
 * 90° either side), nearest first; null when no linked node lies that way.
 */
export function neighbourToward(from: NodeSingular, direction: Direction): NodeSingular | null {
  const origin = from.position();
  const v = VECTORS[direction];
  let best: NodeSingular | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const other of from.neighborhood().nodes().toArray()) {
    if (other.id() === from.id()) continue;
    const p = other.position();
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const along = dx * v.x + dy * v.y;
    if (along <= 0) continue;
    const across = Math.abs(dx * v.y - dy * v.x);
    // Straight ahead beats off to the side; then the nearer one; ids break ties.
    const score = across * 2 + along;
    if (score < bestScore || (score === bestScore && best && other.id() < best.id())) {
      best = other;
      bestScore = score;
    }
  }
  return best;
}

/** What a screen reader hears for a node: its label on one line. */
export function spokenName(node: NodeSingular): string {
  // The full name, status and title (to-elements.ts), not the glyphs and cut lines of the label.
  return String(node.data("title") ?? node.data("label") ?? node.id()).replace(/\s*\n\s*/g, ": ");
}

/** Pans the viewport by a step in `direction` (the picture moves the other way). */
export function panStep(cy: Core, direction: Direction, step = 80): void {
  const v = VECTORS[direction];
  cy.panBy({ x: -v.x * step, y: -v.y * step });
}

/**
 * Emitted on the Core when a key zooms or fits the view: the picture jumps, so what floats over
 * a node (its tooltip) steps aside instead of covering other nodes at the new scale.
 */
export const KEYBOARD_VIEW_JUMP = "casegraph:keyboard-view-jump";

/** Zooms or fits by key, then says so on the Core. */
export function jumpByKey(cy: Core, move: () => void): void {
  move();
  cy.emit(KEYBOARD_VIEW_JUMP);
}
