import cytoscape, { type ElementDefinition } from "cytoscape";
import { GRAPH_STYLESHEET } from "../graph-styles";
import type { Point } from "./point";
import { type CoreLayoutName, runLayout } from "./run-layout";

/** A force or rings layout to compute: the elements in canonical order, and which layout. */
export interface CoreLayoutJob {
  elements: ElementDefinition[];
  name: CoreLayoutName;
}

/**
 * Node centres from a layout that runs in cytoscape (fcose over rings, or the rings alone), in a
 * headless cytoscape with the canvas's stylesheet, so each node has the box it will be drawn
 * with. Nothing here needs a page: it runs in a worker (core-positions.worker.ts).
 */
export async function corePositions({
  elements,
  name,
}: CoreLayoutJob): Promise<Map<string, Point>> {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET, elements });
  try {
    await runLayout(cy, name);
    const positions = new Map<string, Point>();
    for (const node of cy.nodes().toArray()) {
      const { x, y } = node.position();
      positions.set(node.id(), { x, y });
    }
    return positions;
  } finally {
    cy.destroy();
  }
}
