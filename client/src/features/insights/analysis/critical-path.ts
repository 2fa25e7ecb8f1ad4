import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { findOpenBlocks, type OpenBlocks } from "./open-blocks";

/**
 * The chain of open BLOCKS edges that leads to the root from furthest away, blocker first and
 * root last; empty when nothing open blocks the root. Longest simple paths are hard to find on
 * cycles, so it is the longest chain on the condensation: a chain may run into a strongly
 * connected component (a deadlock), crosses it by the shortest way to the exit with the longest
 * chain after it, and goes on from there. Each component is crossed once, so no case appears
 * twice. It starts where nothing open blocks it whenever some such blocker leads to the root:
 * a chain that led into a deadlock would otherwise start at one of its members, though that
 * case is itself blocked. Ties go to the smaller node key.
 */
export function findCriticalPath(
  snapshot: GraphSnapshot,
  blocks: OpenBlocks = findOpenBlocks(snapshot),
): NodeKey[] {
  const { root, isBlocker, open } = blocks;
  const { components, componentOf } = blocks.openComponents;
  const size = blocks.nodeIndex.keys.length;
  const inPlay = (node: number) => node === root || isBlocker[node] === 1;
  // length[v]: edges on the longest chain from v to the root; -1 when there is none.
  const length = new Int32Array(size).fill(-1);
  const next = new Int32Array(size).fill(-1);
  length[root] = 0;

  // Tarjan emits a component before every component with an edge into it: children first.
  for (const members of components) {
    // Each member's best way out of the component; in the root's own, the root itself.
    let exit = members.includes(root) ? root : -1;
    for (const node of members) {
      if (exit === root || !inPlay(node)) continue;
      for (const child of open.out[node] ?? []) {
        if (!inPlay(child) || componentOf[child] === componentOf[node]) continue;
        const through = length[child] as number;
        if (through < 0) continue;
        if (through + 1 > (length[node] as number)) {
          length[node] = through + 1;
          next[node] = child;
        }
      }
      const l = length[node] as number;
      if (l >= 0 && (exit < 0 || l > (length[exit] as number))) exit = node;
    }
    if (exit < 0 || members.length === 1) continue;
    // The other members reach that exit inside the component: a breadth-first search back
    // from it along the component's own edges gives each the shortest way there.
    const steps = new Map<number, number>([[exit, 0]]);
    const queue = [exit];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      for (const parent of open.in[node] ?? []) {
        if (componentOf[parent] !== componentOf[exit] || steps.has(parent) || !inPlay(parent)) {
          continue;
        }
        steps.set(parent, (steps.get(node) as number) + 1);
        queue.push(parent);
        const inside = (steps.get(parent) as number) + (length[exit] as number);
        if (inside > (length[parent] as number)) {
          length[parent] = inside;
          next[parent] = node;
        }
      }
    }
  }

  // Where work can start: a blocker nothing open blocks. Only when every chain comes out of a
  // deadlock (nothing unblocked leads to the root) does the path start inside one.
  const unblocked = (node: number) => !(open.in[node] ?? []).some(inPlay);
  let start = -1;
  for (const free of [true, false]) {
    for (const node of blocks.blockers) {
      if (free && !unblocked(node)) continue;
      const l = length[node] as number;
      if (
        l > 0 &&
        (start < 0 || l > (length[start] as number) || (l === length[start] && node < start))
      ) {
        start = node;
      }
    }
    if (start >= 0) break;
  }
  if (start < 0) return [];
  const path: NodeKey[] = [];
  for (let node = start; node >= 0; node = next[node] as number) {
    path.push(blocks.nodeIndex.keys[node] as NodeKey);
  }
  return path;
}
