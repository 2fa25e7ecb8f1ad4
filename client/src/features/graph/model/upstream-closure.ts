import type { GraphEdge, NodeKey } from "../../../lib/graph-types";

/**
 * What blocks or caused the root is what an incident manager acts on, however far away it is,
 * so these relationships are followed upstream whatever the depth.
 */
export const DEFAULT_UPSTREAM: readonly string[] = ["BLOCKS", "CAUSES"];

/** The parents of the links into an entity whose relationship is one of `relationships`. */
export function upstreamParents(
  linksInto: Iterable<GraphEdge>,
  relationships: ReadonlySet<string>,
): NodeKey[] {
  const parents: NodeKey[] = [];
  for (const edge of linksInto) {
    if (relationships.has(edge.relationship)) parents.push(edge.source);
  }
  return parents;
}

/**
 * Grows `closure` (the root and its ancestors) by walking from child to parent, transitively,
 * from the given starts that are already in it. Links arrive one answer at a time, so the walk
 * resumes wherever a new link may lead further up. Returns the keys added, each once.
 */
export function extendUpstream(
  closure: Set<NodeKey>,
  parents: (key: NodeKey) => Iterable<NodeKey>,
  starts: Iterable<NodeKey>,
): NodeKey[] {
  const added: NodeKey[] = [];
  const queue = [...starts].filter((key) => closure.has(key));
  // The queue grows while it is walked: an array iterator reads the length on every step.
  for (const key of queue) {
    for (const parent of parents(key)) {
      if (closure.has(parent)) continue;
      closure.add(parent);
      added.push(parent);
      queue.push(parent);
    }
  }
  return added;
}
