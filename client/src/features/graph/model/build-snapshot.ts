import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import type { LinkIndex } from "./link-index";

/** What the engine knows about a shown node, before hop and frontier are derived. */
export type ShownNode = Omit<GraphNode, "hop" | "frontier">;

export interface SnapshotInput {
  rootKey: NodeKey;
  shown: ReadonlyMap<NodeKey, ShownNode>;
  hops: ReadonlyMap<NodeKey, number>;
  index: LinkIndex;
  incomplete: boolean;
  /** The previous snapshot: unchanged nodes keep their object, so renderers can skip them. */
  previous?: GraphSnapshot;
}

/** Derives the plain snapshot: shown nodes, the links between them, and frontier flags. */
export function buildSnapshot(input: SnapshotInput): GraphSnapshot {
  const { shown, hops, index, previous } = input;
  const nodes = new Map<NodeKey, GraphNode>();
  for (const [key, state] of shown) {
    let frontier = false;
    for (const neighbour of index.neighbours(key)) {
      if (!shown.has(neighbour)) {
        frontier = true;
        break;
      }
    }
    const node: GraphNode = { ...state, hop: hops.get(key) ?? 0, frontier };
    const before = previous?.nodes.get(key);
    nodes.set(key, before && sameNode(before, node) ? before : node);
  }
  const edges: GraphEdge[] = [];
  for (const edge of index.edges()) {
    if (shown.has(edge.source) && shown.has(edge.target)) edges.push(edge);
  }
  return { rootKey: input.rootKey, nodes, edges, incomplete: input.incomplete };
}

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a.hop === b.hop &&
    a.frontier === b.frontier &&
    a.label === b.label &&
    a.labelStatus === b.labelStatus &&
    a.labelError === b.labelError &&
    a.linksStatus === b.linksStatus &&
    a.linksError === b.linksError
  );
}
