import dagre from "@dagrejs/dagre";
import ELK from "elkjs/lib/elk.bundled.js";
import { corePositions } from "../../client/src/features/graph/canvas/layouts/core-positions";
import {
  LAYER_GAP,
  type LayeredInput,
  layeredPositions,
  NODE_GAP,
  type Point,
} from "../../client/src/features/graph/canvas/layouts/fast-layered";
import { elkPositions, toElkGraph } from "./elk-graph";

export const LIBRARIES = ["fast-layered", "elk", "dagre", "force"] as const;
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

/** Hops from the roots over links either way, as the canvas gives every node. */
function hopsOf(input: LayeredInput): Map<string, number> {
  const neighbours = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const { source, target } of input.edges) {
    add(source, target);
    add(target, source);
  }
  const hops = new Map(input.roots.map((id) => [id, 0]));
  const queue = [...input.roots];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const next of neighbours.get(id) ?? []) {
      if (hops.has(next)) continue;
      hops.set(next, (hops.get(id) ?? 0) + 1);
      queue.push(next);
    }
  }
  return hops;
}

/**
 * The canvas's force view as its worker runs it (`corePositions`: rings by hop, then fcose with
 * the canvas's options, in a headless cytoscape whose nodes have the canvas's boxes, then the
 * gathering round the root). The generated graphs carry no statuses, so the focus is the
 * root alone: the gathering then only moves nodes that the layout left overlapping.
 */
function forceLayout(input: LayeredInput): Promise<Map<string, Point>> {
  const hops = hopsOf(input);
  const roots = new Set(input.roots);
  return corePositions({
    name: "force",
    focus: input.roots,
    elements: [
      ...input.nodes.map((node) => ({
        group: "nodes" as const,
        data: { id: node.id, hop: hops.get(node.id) ?? 0, kind: "case" },
        classes: roots.has(node.id) ? "root" : "",
      })),
      ...input.edges.map((edge, i) => ({
        group: "edges" as const,
        data: { id: `e${i}`, ...edge },
      })),
    ],
  });
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
    case "force":
      return forceLayout(input);
  }
}
