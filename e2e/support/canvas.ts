import type { Page } from "@playwright/test";
import { onCore } from "./core-on-page";

export interface DrawnNode {
  id: string;
  x: number;
  y: number;
  /** Bounding box in model coordinates. */
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  classes: string[];
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  classes: string[];
}

/** What cytoscape holds right now, read from the instance cytoscape registers on its container. */
export function drawnGraph(page: Page): Promise<{ nodes: DrawnNode[]; edges: DrawnEdge[] }> {
  interface Element {
    id(): string;
    classes(): string[];
    data(key: string): string;
    position(): { x: number; y: number };
    boundingBox(o: object): { x1: number; x2: number; y1: number; y2: number };
  }
  interface Cy {
    nodes(): { toArray(): Element[] };
    edges(): { toArray(): Element[] };
  }
  return onCore(page, (cy: Cy | null) => {
    if (!cy) return { nodes: [], edges: [] };
    return {
      nodes: cy
        .nodes()
        .toArray()
        .map((node) => ({
          id: node.id(),
          ...node.position(),
          ...node.boundingBox({ includeLabels: false }),
          classes: node.classes(),
        })),
      edges: cy
        .edges()
        .toArray()
        .map((edge) => ({
          id: edge.id(),
          source: edge.data("source"),
          target: edge.data("target"),
          classes: edge.classes(),
        })),
    };
  });
}

/** Positions by node id, once two reads a moment apart agree (the layout has finished moving). */
export async function restingPositions(page: Page): Promise<Map<string, { x: number; y: number }>> {
  let previous = "";
  for (;;) {
    const { nodes } = await drawnGraph(page);
    const now = JSON.stringify(nodes.map(({ id, x, y }) => [id, Math.round(x), Math.round(y)]));
    if (nodes.length > 0 && now === previous) {
      return new Map(nodes.map(({ id, x, y }) => [id, { x, y }]));
    }
    previous = now;
    // Two animation frames: a running layout moves nodes between them.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    await page.waitForTimeout(0);
  }
}
