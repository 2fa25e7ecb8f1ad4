import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";

/** Which part of the graph an export holds: the relationship filter of the current view. */
export interface ExportView {
  /** Relationship types shown; `null` = all. */
  rel: readonly string[] | null;
}

export interface ViewGraph {
  root: NodeKey;
  /** Nearest the root first, then by key: exports come out the same every time. */
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * The nodes and edges an export contains. With a filter, the nodes are the root and the ends
 * of the edges that pass it, so a filtered export does not carry cases left unconnected.
 */
export function viewGraph(snapshot: GraphSnapshot, view: ExportView): ViewGraph {
  const allowed = view.rel === null ? null : new Set(view.rel);
  const edges = snapshot.edges
    .filter((edge) => allowed === null || allowed.has(edge.relationship))
    .sort(
      (a, b) =>
        compare(a.source, b.source) ||
        compare(a.relationship, b.relationship) ||
        compare(a.target, b.target) ||
        compare(a.id, b.id),
    );
  let keys: Set<NodeKey>;
  if (allowed === null) {
    keys = new Set(snapshot.nodes.keys());
  } else {
    keys = new Set([snapshot.rootKey]);
    for (const edge of edges) {
      keys.add(edge.source);
      keys.add(edge.target);
    }
  }
  const nodes = [...keys]
    .map((key) => snapshot.nodes.get(key) ?? strayNode(key))
    .sort((a, b) => hopRank(a) - hopRank(b) || compare(a.key, b.key));
  return { root: snapshot.rootKey, nodes, edges };
}

// Stray ends (hop -1) go last.
function hopRank(node: GraphNode): number {
  return node.hop < 0 ? Number.MAX_SAFE_INTEGER : node.hop;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// An edge end the snapshot has no node for yet: export it bare (hop -1) rather than drop the edge.
function strayNode(key: NodeKey): GraphNode {
  const colon = key.indexOf(":");
  return {
    key,
    type: colon > 0 ? key.slice(0, colon) : "UNKNOWN",
    id: key.slice(colon + 1),
    hop: -1,
    labelStatus: "pending",
    frontier: false,
  };
}
