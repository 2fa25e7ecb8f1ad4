import type { NodeKey } from "../../../lib/graph-types";

/** One step of a highlighted path or cycle: a link of `relationship` from `source` to `target`. */
export function stepKey(relationship: string, source: NodeKey, target: NodeKey): string {
  return `${relationship}\u0000${source}\u0000${target}`;
}

/**
 * The links a highlighted chain runs along: each key to the next, and for a cycle the last back
 * to the first. Lighting these, rather than every link between two lit nodes, keeps a path
 * through a deadlock from also lighting the deadlock's links back.
 */
export function stepsAlong(
  keys: readonly NodeKey[],
  relationship: string,
  closed: boolean,
): Set<string> {
  const steps = new Set<string>();
  for (let i = 1; i < keys.length; i++) {
    steps.add(stepKey(relationship, keys[i - 1] as NodeKey, keys[i] as NodeKey));
  }
  if (closed && keys.length > 0) {
    steps.add(stepKey(relationship, keys[keys.length - 1] as NodeKey, keys[0] as NodeKey));
  }
  return steps;
}

/** The same steps with their ends renamed (a duplicate drawn as its cluster's original). */
export function mapSteps(
  steps: ReadonlySet<string>,
  keyOf: (key: NodeKey) => NodeKey,
): Set<string> {
  const mapped = new Set<string>();
  for (const step of steps) {
    const [relationship, source, target] = step.split("\u0000") as [string, NodeKey, NodeKey];
    mapped.add(stepKey(relationship, keyOf(source), keyOf(target)));
  }
  return mapped;
}
