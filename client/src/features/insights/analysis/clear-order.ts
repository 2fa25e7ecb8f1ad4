import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { findOpenBlocks, type OpenBlocks } from "./open-blocks";
import { isCyclic } from "./strongly-connected";

/**
 * One step of "clear in this order". Steps in the same wave do not block each other and can be
 * worked in parallel. A deadlock is a group of open cases that block each other in a cycle: no
 * order can clear them, one of the links has to be broken (it may include the root itself).
 */
export type ClearStep =
  | { kind: "case"; key: NodeKey; wave: number }
  | { kind: "deadlock"; keys: NodeKey[]; wave: number };

/** A topological order of the open blockers of the root, blockers first. */
export function findClearOrder(
  snapshot: GraphSnapshot,
  blocks: OpenBlocks = findOpenBlocks(snapshot),
): ClearStep[] {
  const { isBlocker, open, root } = blocks;
  const { keys } = blocks.nodeIndex;
  const { components, componentOf } = blocks.openComponents;
  const wave = new Int32Array(components.length).fill(-1);
  const steps: { step: ClearStep; first: number }[] = [];

  // Reverse emission order visits a component after every component with an edge into it.
  for (let c = components.length - 1; c >= 0; c--) {
    const members = components[c] as number[];
    if (!members.some((node) => isBlocker[node])) continue;
    let w = 0;
    for (const node of members) {
      for (const parent of open.in[node] ?? []) {
        const pc = componentOf[parent] as number;
        if (pc === c || !isBlocker[parent]) continue;
        w = Math.max(w, (wave[pc] as number) + 1);
      }
    }
    wave[c] = w;
    const first = members[0] as number;
    if (isCyclic(members, open.out)) {
      steps.push({
        step: { kind: "deadlock", keys: members.map((n) => keys[n] as NodeKey), wave: w },
        first,
      });
    } else if (first !== root) {
      steps.push({ step: { kind: "case", key: keys[first] as NodeKey, wave: w }, first });
    }
  }
  return steps.sort((a, b) => a.step.wave - b.step.wave || a.first - b.first).map((s) => s.step);
}
