import type { GraphSnapshot } from "../../../lib/graph-types";
import { type Openness, opennessOf } from "../../../lib/graph-vocabulary";
import {
  ancestorsOf,
  buildRelationGraph,
  indexNodes,
  type NodeIndex,
  type RelationGraph,
} from "./relation-graph";
import { type Components, stronglyConnected } from "./strongly-connected";

/**
 * What blocks the root, computed once and shared by the blockers, critical path and
 * clear-order analyses. An edge is an open BLOCKS edge when its parent (the blocker) is not
 * closed; a closed case cuts the chain, so nothing upstream of it blocks through it.
 */
export interface OpenBlocks {
  nodeIndex: NodeIndex;
  root: number;
  openness: readonly Openness[];
  /** Every BLOCKS edge of the snapshot. */
  all: RelationGraph;
  /** BLOCKS edges whose blocker is open or of unknown status. */
  open: RelationGraph;
  /** Components of `open`, over the whole snapshot. */
  openComponents: Components;
  /** Transitive open blockers of the root (root excluded), nearest first then by key. */
  blockers: readonly number[];
  /** isBlocker[i] = 1 when i is in `blockers`. */
  isBlocker: Uint8Array;
}

export function findOpenBlocks(snapshot: GraphSnapshot): OpenBlocks {
  const nodeIndex = indexNodes(snapshot);
  const openness = nodeIndex.keys.map((key) => opennessOf(snapshot.nodes.get(key)));
  const all = buildRelationGraph(snapshot, "BLOCKS", () => true, nodeIndex);
  const open = buildRelationGraph(
    snapshot,
    "BLOCKS",
    (edge) => opennessOf(snapshot.nodes.get(edge.source)) !== "closed",
    nodeIndex,
  );
  const root = nodeIndex.indexOf.get(snapshot.rootKey) as number;
  // Breadth-first from the root gives nearest-first order; ties within a hop go by key.
  const distance = new Int32Array(nodeIndex.keys.length).fill(-1);
  distance[root] = 0;
  const reached = ancestorsOf(open, root);
  const isBlocker = new Uint8Array(nodeIndex.keys.length);
  for (const node of reached) isBlocker[node] = 1;
  for (const node of reached) {
    let best = Number.POSITIVE_INFINITY;
    for (const child of open.out[node] ?? []) {
      const d = distance[child] as number;
      if (d >= 0 && d < best) best = d;
    }
    distance[node] = best + 1;
  }
  // The root can reach itself through a cycle; it is the target, never its own blocker.
  isBlocker[root] = 0;
  const blockers = reached
    .filter((node) => node !== root)
    .sort((a, b) => (distance[a] as number) - (distance[b] as number) || a - b);
  return {
    nodeIndex,
    root,
    openness,
    all,
    open,
    openComponents: stronglyConnected(open.out),
    blockers,
    isBlocker,
  };
}
