import cytoscape, { type ElementDefinition } from "cytoscape";
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
 * Every node is the box it will be drawn with (its size from the stylesheet's numbers, border
 * included) and nothing else: styling each element with the canvas's whole stylesheet took
 * most of the time at 1,000 nodes, and no layout reads colours or labels.
 */
const BOXES_ONLY = [
  {
    selector: "node",
    style: { shape: "rectangle", width: "data(w)", height: "data(h)", "border-width": 0 },
  },
];

/**
 * Node centres from a layout that runs in cytoscape (fcose over rings, or the rings alone), in a
 * headless cytoscape whose nodes have their boxes; then what is in the way gathered round the
 * root. Nothing here needs a page: it runs in a worker (core-positions.worker.ts).
 */
export async function corePositions({
  elements,
  name,
  focus,
}: CoreLayoutJob): Promise<Map<string, Point>> {
  const { sizes, root } = nodeBoxes(elements);
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: BOXES_ONLY,
    elements: elements.map((d) => {
      const size = d.data.id === undefined ? undefined : sizes.get(d.data.id);
      return size
        ? { group: "nodes", data: { id: d.data.id, hop: d.data.hop, ...size } }
        : { group: "edges", data: { id: d.data.id, source: d.data.source, target: d.data.target } };
    }),
  });
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
  return gatherAroundRoot(positions, sizes, new Set(focus), root);
}
