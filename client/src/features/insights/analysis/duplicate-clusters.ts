import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { buildRelationGraph, indexNodes, type NodeIndex } from "./relation-graph";

export interface DuplicateCluster {
  /** The case the others duplicate (a DUPLICATES edge points from the copy to it). */
  canonical: NodeKey;
  /** The other members, by key. */
  duplicates: NodeKey[];
}

/**
 * Groups of cases connected by DUPLICATES, ignoring direction. The canonical case is the one
 * most others say they duplicate (most incoming DUPLICATES), ties by key, so a chain or a
 * muddled cluster still gets one answer. Largest clusters first.
 */
export function findDuplicateClusters(
  snapshot: GraphSnapshot,
  nodeIndex: NodeIndex = indexNodes(snapshot),
): DuplicateCluster[] {
  const graph = buildRelationGraph(snapshot, "DUPLICATES", () => true, nodeIndex);
  const seen = new Uint8Array(graph.keys.length);
  const clusters: { members: number[]; canonical: number }[] = [];
  for (let start = 0; start < graph.keys.length; start++) {
    if (seen[start]) continue;
    seen[start] = 1;
    const members = [start];
    for (let head = 0; head < members.length; head++) {
      const node = members[head] as number;
      for (const next of [...(graph.out[node] ?? []), ...(graph.in[node] ?? [])]) {
        if (seen[next]) continue;
        seen[next] = 1;
        members.push(next);
      }
    }
    if (members.length < 2) continue;
    members.sort((a, b) => a - b);
    const incoming = (n: number) => (graph.in[n] ?? []).filter((parent) => parent !== n).length;
    let canonical = members[0] as number;
    for (const node of members) if (incoming(node) > incoming(canonical)) canonical = node;
    clusters.push({ members, canonical });
  }
  const keyOf = (n: number) => graph.keys[n] as NodeKey;
  return clusters
    .sort((a, b) => b.members.length - a.members.length || a.canonical - b.canonical)
    .map(({ members, canonical }) => ({
      canonical: keyOf(canonical),
      duplicates: members.filter((n) => n !== canonical).map(keyOf),
    }));
}
