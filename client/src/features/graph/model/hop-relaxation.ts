import type { NodeKey } from "../../../lib/graph-types";

/**
 * Lowers hop counts along known links, starting from nodes whose hop was just set or lowered
 * (a breadth-first relaxation on unit weights). Answers arrive in any order, so a node first
 * reached by a long path must give way to a shorter one found later; hops never rise.
 * Returns the nodes whose hop was set or lowered, each once.
 */
export function relaxHops(
  hops: Map<NodeKey, number>,
  neighbours: (key: NodeKey) => Iterable<NodeKey>,
  starts: Iterable<NodeKey>,
): NodeKey[] {
  const changed = new Set<NodeKey>();
  const queue: NodeKey[] = [];
  for (const key of starts) if (hops.has(key)) queue.push(key);
  // The queue grows while it is walked: an array iterator reads the length on every step.
  for (const key of queue) {
    const next = (hops.get(key) ?? Number.POSITIVE_INFINITY) + 1;
    for (const neighbour of neighbours(key)) {
      if ((hops.get(neighbour) ?? Number.POSITIVE_INFINITY) <= next) continue;
      hops.set(neighbour, next);
      changed.add(neighbour);
      queue.push(neighbour);
    }
  }
  return [...changed];
}
