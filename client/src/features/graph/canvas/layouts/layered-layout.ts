import type { Core, NodeSingular } from "cytoscape";
import { applyPositions, type PresetOptions } from "./apply-positions";
import { elkPositions, type LayoutEdgeInput, type LayoutNodeInput, toElkGraph } from "./elk-graph";
import { type ElkLayoutFn, runElk } from "./elk-runner";

export interface LayeredOptions extends PresetOptions {
  signal?: AbortSignal;
  /** Where ELK runs; the worker by default. */
  elk?: ElkLayoutFn;
}

const MIN_WIDTH = 40;
const MIN_HEIGHT = 30;

function describeNode(node: NodeSingular): LayoutNodeInput {
  const size = node.layoutDimensions({ nodeDimensionsIncludeLabels: true });
  const parent = node.parent().first();
  return {
    id: node.id(),
    parent: parent.nonempty() ? parent.id() : null,
    width: Math.max(size.w, MIN_WIDTH),
    height: Math.max(size.h, MIN_HEIGHT),
  };
}

/** Layered (Sugiyama) top-to-bottom along the arrows; false when abandoned midway. */
export async function runLayeredLayout(cy: Core, options: LayeredOptions): Promise<boolean> {
  const nodes = cy.nodes().map(describeNode);
  const edges: LayoutEdgeInput[] = cy.edges().map((edge) => ({
    id: edge.id(),
    source: edge.source().id(),
    target: edge.target().id(),
    relationship: String(edge.data("relationship") ?? ""),
  }));
  const result = await (options.elk ?? runElk)(toElkGraph(nodes, edges));
  // ELK takes a while on big graphs: the view may have moved on or been torn down meanwhile.
  if (options.signal?.aborted || cy.destroyed()) return false;
  await applyPositions(cy, elkPositions(result), options);
  return true;
}
