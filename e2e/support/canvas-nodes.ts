import type { Page } from "@playwright/test";
import { onCore } from "./core-on-page";

/** A node as cytoscape draws it: id, label, classes, and its box on screen (page px). */
export interface CanvasNode {
  id: string;
  label: string;
  classes: string[];
  screen: { x1: number; y1: number; x2: number; y2: number };
}

/** Every node the canvas draws now, read from the cytoscape Core behind it. */
export function canvasNodes(page: Page): Promise<CanvasNode[]> {
  interface NodeLike {
    id(): string;
    data(name: string): unknown;
    classes(): string[];
    renderedBoundingBox(options: object): { x1: number; y1: number; x2: number; y2: number };
  }
  interface CoreLike {
    container(): HTMLElement | null;
    nodes(): { toArray(): NodeLike[] };
  }
  return onCore(page, (cy: CoreLike | null) => {
    if (!cy) return [];
    const origin = cy.container()?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return cy
      .nodes()
      .toArray()
      .map((node) => {
        const box = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
        return {
          id: node.id(),
          label: String(node.data("label") ?? ""),
          classes: node.classes(),
          screen: {
            x1: box.x1 + origin.left,
            y1: box.y1 + origin.top,
            x2: box.x2 + origin.left,
            y2: box.y2 + origin.top,
          },
        };
      });
  });
}
