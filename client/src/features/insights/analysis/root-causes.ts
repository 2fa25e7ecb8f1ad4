import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { ancestorsOf, buildRelationGraph, indexNodes, type NodeIndex } from "./relation-graph";
import { stronglyConnected } from "./strongly-connected";

export interface RootCauses {
  /** Everything that causes the root, directly or through other causes, nearest first. */
  ancestors: NodeKey[];
  /**
   * The causes nothing else causes, in the shown graph. Causes that only cause each other in a
   * cycle are all origins together, so a CAUSES cycle never hides where things started.
   */
  origins: NodeKey[];
}

export function findRootCauses(
  snapshot: GraphSnapshot,
  nodeIndex: NodeIndex = indexNodes(snapshot),
): RootCauses {
  const causes = buildRelationGraph(snapshot, "CAUSES", () => true, nodeIndex);
  const root = nodeIndex.indexOf.get(snapshot.rootKey) as number;
  const ancestors = ancestorsOf(causes, root).filter((node) => node !== root);
  const { componentOf } = stronglyConnected(causes.out);
  const origins = ancestors.filter((node) =>
    (causes.in[node] ?? []).every((parent) => componentOf[parent] === componentOf[node]),
  );
  const keyOf = (n: number) => nodeIndex.keys[n] as NodeKey;
  return { ancestors: ancestors.map(keyOf), origins: origins.map(keyOf) };
}
