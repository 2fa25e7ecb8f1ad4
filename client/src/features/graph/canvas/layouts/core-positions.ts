import cytoscape, { type ElementDefinition } from "cytoscape";
import { GRAPH_STYLESHEET } from "../graph-styles";
import { gatherAroundRoot } from "./gather-around-root";
import { nodeBoxes } from "./node-boxes";
import type { Point } from "./point";
import { type CoreLayoutName, runLayout } from "./run-layout";

/** A force or rings layout to compute: the elements in canonical order, which layout, the focus. */
export interface CoreLayoutJob {
  elements: ElementDefinition[];
  name: CoreLayoutName;
  /** What is in the way of the root: gathered close around it afterwards. */
  focus: string[];
}

/**
 * Node centres from a layout that runs in cytoscape (fcose over rings, or the rings alone), in a
 * headless cytoscape with the canvas's stylesheet, so each node has the box it will be drawn
 * with; then what is in the way gathered round the root. Nothing here needs a page: the force
 * view runs it in a worker (core-positions.worker.ts).
 */
export async function corePositions({
  elements,
  name,
  focus,
}: CoreLayoutJob): Promise<Map<string, Point>> {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET, elements });
  const positions = new Map<string, Point>();
  try {
    await runLayout(cy, name);
    for (const node of cy.nodes().toArray()) {
      const { x, y } = node.position();
      positions.set(node.id(), { x, y });
    }
  } finally {
    cy.destroy();
  }
  const { sizes, root } = nodeBoxes(elements);
  return gatherAroundRoot(positions, sizes, new Set(focus), root);
}
