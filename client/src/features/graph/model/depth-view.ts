import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { DEFAULT_UPSTREAM } from "./upstream-closure";

export interface DepthViewOptions {
  /** Entities within this many hops of the root are shown. */
  depth: number;
  /** Entity ids whose neighbours are shown past the depth (Expand, Show; the URL's `expand`). */
  expanded: ReadonlySet<string>;
}

export interface DepthView {
  /** What the canvas and the tables show: the entities within the depth, plus expansions. */
  visible: GraphSnapshot;
  /** Entities read (the root's blocking and cause chain) but past the depth. */
  beyond: ReadonlySet<NodeKey>;
}

const UPSTREAM = new Set(DEFAULT_UPSTREAM);

/**
 * `depth=N` means exactly the entities within N hops and the links among them, plus the
 * neighbours of expanded entities that are themselves shown. Everything else the expansion read
 * (the root's blocking and cause chain past the depth, so Insights stay complete) is `beyond`:
 * a shown entity with such links is marked as a frontier, and one with blockers or causes past
 * the depth carries their count in `upstreamBeyond`.
 */
export function depthView(full: GraphSnapshot, { depth, expanded }: DepthViewOptions): DepthView {
  const neighbours = new Map<NodeKey, NodeKey[]>();
  const link = (a: NodeKey, b: NodeKey) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const edge of full.edges) {
    link(edge.source, edge.target);
    link(edge.target, edge.source);
  }

  const visible = new Set<NodeKey>();
  const queue: NodeKey[] = [];
  for (const node of full.nodes.values()) {
    if (node.hop <= depth || node.key === full.rootKey) {
      visible.add(node.key);
      queue.push(node.key);
    }
  }
  // Expansions reach past the depth, and an expanded entity shown that way may expand further.
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as NodeKey;
    const node = full.nodes.get(key);
    if (!node || !expanded.has(node.id)) continue;
    for (const other of neighbours.get(key) ?? []) {
      if (visible.has(other) || !full.nodes.has(other)) continue;
      visible.add(other);
      queue.push(other);
    }
  }

  const beyond = new Set<NodeKey>();
  for (const key of full.nodes.keys()) if (!visible.has(key)) beyond.add(key);
  if (beyond.size === 0) return { visible: full, beyond };

  const nodes = new Map<NodeKey, GraphNode>();
  for (const [key, node] of full.nodes) {
    if (!visible.has(key)) continue;
    const hidden = (neighbours.get(key) ?? []).some((other) => beyond.has(other));
    const upstream = hidden ? upstreamBeyond(key, full.edges, beyond) : 0;
    nodes.set(
      key,
      hidden
        ? { ...node, frontier: true, ...(upstream > 0 ? { upstreamBeyond: upstream } : {}) }
        : node,
    );
  }
  const edges = full.edges.filter((edge) => visible.has(edge.source) && visible.has(edge.target));
  return { visible: { ...full, nodes, edges }, beyond };
}

/** How many entities past the depth block or cause `key`, directly or through each other. */
function upstreamBeyond(
  key: NodeKey,
  edges: readonly GraphEdge[],
  beyond: ReadonlySet<NodeKey>,
): number {
  const found = new Set<NodeKey>();
  const queue = [key];
  for (let head = 0; head < queue.length; head++) {
    const child = queue[head];
    for (const edge of edges) {
      if (edge.target !== child || !UPSTREAM.has(edge.relationship)) continue;
      if (!beyond.has(edge.source) || found.has(edge.source)) continue;
      found.add(edge.source);
      queue.push(edge.source);
    }
  }
  return found.size;
}

/**
 * The entities to expand so that `target` (past the depth) is shown: the shortest way to it
 * from what is shown, through entities past the depth, without the target itself.
 */
export function expansionPathTo(
  full: GraphSnapshot,
  visible: ReadonlySet<NodeKey>,
  target: NodeKey,
): NodeKey[] {
  const neighbours = new Map<NodeKey, NodeKey[]>();
  for (const edge of full.edges) {
    neighbours.set(edge.source, [...(neighbours.get(edge.source) ?? []), edge.target]);
    neighbours.set(edge.target, [...(neighbours.get(edge.target) ?? []), edge.source]);
  }
  // Breadth-first from the target back towards anything shown.
  const cameFrom = new Map<NodeKey, NodeKey | null>([[target, null]]);
  const queue = [target];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as NodeKey;
    for (const other of [...(neighbours.get(key) ?? [])].sort()) {
      if (cameFrom.has(other)) continue;
      cameFrom.set(other, key);
      if (visible.has(other)) {
        const path: NodeKey[] = [other];
        for (let step = cameFrom.get(other); step && step !== target; step = cameFrom.get(step)) {
          path.push(step);
        }
        return path;
      }
      queue.push(other);
    }
  }
  return [];
}
