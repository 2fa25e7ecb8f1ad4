import dagre from "@dagrejs/dagre";
import ELK from "elkjs/lib/elk.bundled.js";
import { elkPositions, toElkGraph } from "../../client/src/features/graph/canvas/layouts/elk-graph";
import {
  LAYER_GAP,
  type LayeredInput,
  layeredPositions,
  NODE_GAP,
  type Point,
} from "../../client/src/features/graph/canvas/layouts/fast-layered";

export const LIBRARIES = ["fast-layered", "elk", "dagre"] as const;
export type Library = (typeof LIBRARIES)[number];

/** ELK with the options the canvas used for its layered layout (`LAYERED_OPTIONS`). */
async function elkLayout(input: LayeredInput): Promise<Map<string, Point>> {
  const graph = toElkGraph(
    input.nodes.map((node) => ({ ...node, parent: null })),
    input.edges.map((edge, i) => ({ ...edge, id: `e${i}` })),
  );
  return elkPositions(await new ELK().layout(graph));
}

/** dagre top to bottom with the same gaps; every link ranks, as dagre has no softer kind. */
function dagreLayout(input: LayeredInput): Map<string, Point> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "TB", nodesep: NODE_GAP, ranksep: LAYER_GAP });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes)
    graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of input.edges) {
    if (edge.source !== edge.target) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const positions = new Map<string, Point>();
  for (const id of graph.nodes()) {
    const { x, y } = graph.node(id);
    positions.set(id, { x, y });
  }
  return positions;
}

export async function layoutWith(
  library: Library,
  input: LayeredInput,
): Promise<Map<string, Point>> {
  switch (library) {
    case "fast-layered":
      return layeredPositions(input);
    case "elk":
      return elkLayout(input);
    case "dagre":
      return dagreLayout(input);
  }
}
