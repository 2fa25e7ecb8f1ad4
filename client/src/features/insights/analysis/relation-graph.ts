import type { GraphEdge, GraphSnapshot, NodeKey } from "../../../lib/graph-types";

/**
 * One relationship of a snapshot as integer adjacency lists, so the analyses run in linear
 * time on thousands of nodes. Indices follow sorted node keys, which makes every result
 * deterministic; parallel links (same ends, different ids) count once.
 */
export interface RelationGraph {
  keys: readonly NodeKey[];
  indexOf: ReadonlyMap<NodeKey, number>;
  /** out[i]: children of i (i is the parent of each edge), ascending. */
  out: readonly (readonly number[])[];
  /** in[i]: parents of i, ascending. */
  in: readonly (readonly number[])[];
}

export interface NodeIndex {
  keys: readonly NodeKey[];
  indexOf: ReadonlyMap<NodeKey, number>;
}

export function indexNodes(snapshot: GraphSnapshot): NodeIndex {
  const all = new Set<NodeKey>(snapshot.nodes.keys());
  // Edges normally join known nodes; keep stray ends anyway rather than dropping the edge.
  all.add(snapshot.rootKey);
  for (const edge of snapshot.edges) {
    all.add(edge.source);
    all.add(edge.target);
  }
  const keys = [...all].sort(compareKeys);
  const indexOf = new Map<NodeKey, number>(keys.map((key, i) => [key, i]));
  return { keys, indexOf };
}

export function buildRelationGraph(
  snapshot: GraphSnapshot,
  relationship: string,
  keep: (edge: GraphEdge) => boolean = () => true,
  nodeIndex: NodeIndex = indexNodes(snapshot),
): RelationGraph {
  const { keys, indexOf } = nodeIndex;
  const outSets: Set<number>[] = keys.map(() => new Set<number>());
  for (const edge of snapshot.edges) {
    if (edge.relationship !== relationship || !keep(edge)) continue;
    const from = indexOf.get(edge.source);
    const to = indexOf.get(edge.target);
    if (from === undefined || to === undefined) continue;
    outSets[from]?.add(to);
  }
  const out: number[][] = outSets.map((set) => [...set].sort(byNumber));
  const inLists: number[][] = keys.map(() => []);
  // Parents are visited in ascending order, so every in-list comes out sorted.
  out.forEach((children, parent) => {
    for (const child of children) inLists[child]?.push(parent);
  });
  return { keys, indexOf, out, in: inLists };
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Breadth-first walk along parents (in-edges) from `start`; returns indices in visit order. */
export function ancestorsOf(
  graph: RelationGraph,
  start: number,
  step: (parent: number) => boolean = () => true,
): number[] {
  const seen = new Uint8Array(graph.keys.length);
  const order: number[] = [];
  const queue = [start];
  seen[start] = 1;
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as number;
    for (const parent of graph.in[current] ?? []) {
      if (seen[parent] || !step(parent)) continue;
      seen[parent] = 1;
      order.push(parent);
      queue.push(parent);
    }
  }
  return order;
}
