import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { findOpenBlocks, type OpenBlocks } from "./open-blocks";

/**
 * The longest chain of open BLOCKS edges ending at the root, blocker first and root last;
 * empty when nothing open blocks the root. Longest paths are undefined on cycles, so it is
 * computed on the condensation: edges inside a strongly connected component are ignored (a
 * deadlock is reported by the cycles analysis instead). Ties go to the smaller node key.
 */
export function findCriticalPath(
  snapshot: GraphSnapshot,
  blocks: OpenBlocks = findOpenBlocks(snapshot),
): NodeKey[] {
  const { root, isBlocker, open } = blocks;
  const { components, componentOf } = blocks.openComponents;
  const size = blocks.nodeIndex.keys.length;
  const inPlay = (node: number) => node === root || isBlocker[node] === 1;
  // length[v]: edges on the longest chain from v to the root; -1 when none avoids a cycle.
  const length = new Int32Array(size).fill(-1);
  const next = new Int32Array(size).fill(-1);
  length[root] = 0;

  // Tarjan emits a component before every component with an edge into it: children first.
  for (const members of components) {
    for (const node of members) {
      if (node === root || !inPlay(node)) continue;
      for (const child of open.out[node] ?? []) {
        if (!inPlay(child) || componentOf[child] === componentOf[node]) continue;
        const through = length[child] as number;
        if (through < 0) continue;
        if (through + 1 > (length[node] as number)) {
          length[node] = through + 1;
          next[node] = child;
        }
      }
    }
  }

  let start = -1;
  for (const node of blocks.blockers) {
    const l = length[node] as number;
    if (
      l > 0 &&
      (start < 0 || l > (length[start] as number) || (l === length[start] && node < start))
    ) {
      start = node;
    }
  }
  if (start < 0) return [];
  const path: NodeKey[] = [];
  for (let node = start; node >= 0; node = next[node] as number) {
    path.push(blocks.nodeIndex.keys[node] as NodeKey);
  }
  return path;
}
