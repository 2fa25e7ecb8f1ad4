import type { Page } from "@playwright/test";
import { onCore } from "./core-on-page";

export interface Point {
  x: number;
  y: number;
}

/** A node's drawn box in model px, by its key ("NET-53") as its label shows it. */
export interface LinkedBox {
  id: string;
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A link as cytoscape draws it: from where it leaves its source, through its bends, to its target. */
export interface DrawnLink {
  id: string;
  source: string;
  target: string;
  /** The keys of its ends, "NET-51 → NET-52". */
  name: string;
  curve: string;
  points: Point[];
  /** The centres of its ends: the straight line it would be without bends. */
  straight: [Point, Point];
}

/** Every node box and every link path the canvas draws now, read from its cytoscape Core. */
export function drawnLinks(page: Page): Promise<{ boxes: LinkedBox[]; links: DrawnLink[] }> {
  interface NodeLike {
    id(): string;
    data(name: string): unknown;
    position(): Point;
    boundingBox(options: object): { x1: number; y1: number; x2: number; y2: number };
  }
  interface EdgeLike {
    id(): string;
    source(): NodeLike;
    target(): NodeLike;
    style(name: string): string;
    sourceEndpoint(): Point;
    targetEndpoint(): Point;
    segmentPoints(): Point[] | undefined;
  }
  interface CoreLike {
    nodes(): { toArray(): NodeLike[] };
    edges(): { toArray(): EdgeLike[] };
  }
  return onCore(page, (cy: CoreLike | null) => {
    if (!cy) return { boxes: [], links: [] };
    // The headline is "◐ NET-53 · P2": the key is its second word.
    const keyOf = (node: NodeLike) => String(node.data("label") ?? "").split(/\s+/)[1] ?? node.id();
    const boxes = cy
      .nodes()
      .toArray()
      .map((node) => ({
        id: node.id(),
        key: keyOf(node),
        ...node.boundingBox({ includeLabels: false }),
      }));
    const links = cy
      .edges()
      .toArray()
      .map((edge) => ({
        id: edge.id(),
        source: edge.source().id(),
        target: edge.target().id(),
        name: `${keyOf(edge.source())} → ${keyOf(edge.target())}`,
        curve: edge.style("curve-style"),
        points: [edge.sourceEndpoint(), ...(edge.segmentPoints() ?? []), edge.targetEndpoint()],
        straight: [edge.source().position(), edge.target().position()] as [Point, Point],
      }));
    return { boxes, links };
  });
}

/**
 * The boxes (other than its own ends) a path runs behind: more than `inset` px inside them, so a
 * line that only clips a corner does not count. Sampled every pixel or so.
 */
export function boxesBehind(
  points: readonly Point[],
  boxes: readonly LinkedBox[],
  ends: readonly string[],
  inset = 4,
): string[] {
  const behind: string[] = [];
  for (const box of boxes) {
    if (ends.includes(box.id)) continue;
    let inside = false;
    for (let i = 1; i < points.length && !inside; i++) {
      const a = points[i - 1] as Point;
      const b = points[i] as Point;
      const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y)));
      for (let k = 0; k <= steps && !inside; k++) {
        const x = a.x + ((b.x - a.x) * k) / steps;
        const y = a.y + ((b.y - a.y) * k) / steps;
        inside =
          x > box.x1 + inset && x < box.x2 - inset && y > box.y1 + inset && y < box.y2 - inset;
      }
    }
    if (inside) behind.push(box.key);
  }
  return behind;
}
