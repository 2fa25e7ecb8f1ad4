import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../graph-types";

export interface DuplicateCluster {
  /** The member that duplicates no other member (a DUPLICATES link points from a copy to it). */
  original: NodeKey;
  /** The other members, by key. */
  duplicates: NodeKey[];
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one duplicate rule, for the canvas, the tables and Insights alike: entities joined by
 * DUPLICATES links (either direction) form a cluster; its original is the member that is not
 * itself a duplicate of another member, the smallest key when several are (or none is, in a
 * loop). For the chain A→B→C that is C. Largest clusters first, then by original.
 */
export function findDuplicateClusters(
  snapshot: Pick<GraphSnapshot, "nodes" | "edges">,
): DuplicateCluster[] {
  const neighbours = new Map<NodeKey, NodeKey[]>();
  const copies = new Set<NodeKey>();
  const join = (from: NodeKey, to: NodeKey) => {
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const edge of snapshot.edges) {
    if (edge.relationship !== "DUPLICATES" || edge.source === edge.target) continue;
    if (!snapshot.nodes.has(edge.source) || !snapshot.nodes.has(edge.target)) continue;
    copies.add(edge.source);
    join(edge.source, edge.target);
    join(edge.target, edge.source);
  }
  const seen = new Set<NodeKey>();
  const clusters: DuplicateCluster[] = [];
  for (const start of [...neighbours.keys()].sort(byKey)) {
    if (seen.has(start)) continue;
    seen.add(start);
    const members = [start];
    for (let head = 0; head < members.length; head++) {
      for (const next of neighbours.get(members[head] as NodeKey) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        members.push(next);
      }
    }
    members.sort(byKey);
    const original = members.find((key) => !copies.has(key)) ?? (members[0] as NodeKey);
    clusters.push({ original, duplicates: members.filter((key) => key !== original) });
  }
  return clusters.sort(
    (a, b) => b.duplicates.length - a.duplicates.length || byKey(a.original, b.original),
  );
}

/** "+3 duplicates": what a collapsed cluster stands for beside its original. */
export function duplicatesCount(duplicates: number): string {
  return `+${duplicates} ${duplicates === 1 ? "duplicate" : "duplicates"}`;
}

/** "PAY-101 +3 duplicates": how a collapsed cluster is named everywhere. */
export function clusterCaption(name: string, duplicates: number): string {
  return `${name} ${duplicatesCount(duplicates)}`;
}

export interface CollapsedGraph {
  /** Each cluster drawn as its original; links of members redrawn to and from it, once each. */
  snapshot: GraphSnapshot;
  /** Every member of a cluster (original included) → its original. */
  originalOf: ReadonlyMap<NodeKey, NodeKey>;
  /** Original → how many duplicates it stands for. */
  duplicateCount: ReadonlyMap<NodeKey, number>;
}

/** "Group duplicates": the graph with each duplicate cluster as one node, so it gets smaller. */
export function collapseDuplicates(
  snapshot: GraphSnapshot,
  clusters: readonly DuplicateCluster[] = findDuplicateClusters(snapshot),
): CollapsedGraph {
  const originalOf = new Map<NodeKey, NodeKey>();
  const duplicateCount = new Map<NodeKey, number>();
  for (const { original, duplicates } of clusters) {
    originalOf.set(original, original);
    for (const key of duplicates) originalOf.set(key, original);
    duplicateCount.set(original, duplicates.length);
  }
  if (clusters.length === 0) return { snapshot, originalOf, duplicateCount };

  const nodes = new Map<NodeKey, GraphNode>();
  for (const node of snapshot.nodes.values()) {
    const original = originalOf.get(node.key) ?? node.key;
    const kept = nodes.get(original) ?? snapshot.nodes.get(original) ?? node;
    // The cluster is as near the root as its nearest member, and has more beyond if any does.
    nodes.set(original, {
      ...kept,
      hop: Math.min(kept.hop, node.hop),
      frontier: kept.frontier || node.frontier,
    });
  }
  const edges: GraphEdge[] = [];
  const drawn = new Set<string>();
  for (const edge of snapshot.edges) {
    const source = originalOf.get(edge.source) ?? edge.source;
    const target = originalOf.get(edge.target) ?? edge.target;
    if (source === target) continue;
    const id = `${source}\u0000${edge.relationship}\u0000${target}`;
    if (drawn.has(id)) continue;
    drawn.add(id);
    edges.push(
      source === edge.source && target === edge.target ? edge : { ...edge, source, target },
    );
  }
  return {
    snapshot: {
      ...snapshot,
      rootKey: originalOf.get(snapshot.rootKey) ?? snapshot.rootKey,
      nodes,
      edges,
    },
    originalOf,
    duplicateCount,
  };
}
