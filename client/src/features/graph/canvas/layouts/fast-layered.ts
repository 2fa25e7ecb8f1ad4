import { indexGraph, splitComponents } from "./fast-layered-graph";
import { assignLayers } from "./fast-layered-layers";
import { arrangeComponents } from "./fast-layered-parts";
import { placeComponent } from "./fast-layered-place";
import type { Point } from "./point";

export { COMPONENT_GAP, LAYER_GAP, NODE_GAP, SWEEP_WORK_BUDGET } from "./fast-layered-settings";
export type { Point };

export interface LayeredNode {
  id: string;
  width: number;
  height: number;
}
export interface LayeredEdge {
  source: string;
  target: string;
  relationship: string;
}
export interface LayeredInput {
  nodes: LayeredNode[];
  edges: LayeredEdge[];
  /** The root(s): their component comes first and ties break towards them; layers come from
   *  the relationships (parent above child, top to bottom), not from hops. */
  roots: string[];
  /** Positions from the previous picture: kept where possible (incremental). */
  previous?: ReadonlyMap<string, { x: number; y: number }>;
}

/**
 * A layered (Sugiyama) layout for dependency graphs in about linear time: longest-path layers
 * along the directed relationships, placeholders for long edges, a bounded number of barycenter
 * sweeps, and compact median placement without overlaps. Pure and deterministic: the same graph
 * in any order gives the same centres. With `previous`, placed nodes keep their order and stay
 * close to where they were.
 */
export function layeredPositions(input: LayeredInput): Map<string, Point> {
  const graph = indexGraph(input);
  const layer = assignLayers(graph);
  const components = splitComponents(graph);
  const placed = components.map((members) => placeComponent(graph, layer, members));
  return arrangeComponents(graph, placed);
}
