import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { findOpenBlocks, type OpenBlocks } from "./open-blocks";

export interface Blockers {
  /** Open cases with a BLOCKS edge straight into the root. */
  direct: NodeKey[];
  /** Every open case that blocks the root through a chain of open blockers, nearest first. */
  open: NodeKey[];
  /** `open.length`, the headline figure. */
  count: number;
  /** Closed cases met on those chains: resolved, they no longer block. */
  resolved: NodeKey[];
  /**
   * Cases that block the root only through a resolved case. Once the middle case is closed the
   * chain is cut, so these no longer block the root, whatever their own status.
   */
  noLongerBlocking: NodeKey[];
}

export function findBlockers(
  snapshot: GraphSnapshot,
  blocks: OpenBlocks = findOpenBlocks(snapshot),
): Blockers {
  const { keys } = blocks.nodeIndex;
  const { root, isBlocker, openness, all } = blocks;
  const keyOf = (i: number) => keys[i] as NodeKey;

  const direct = (blocks.open.in[root] ?? []).filter((node) => node !== root);
  const isResolved = new Uint8Array(keys.length);
  const resolved: number[] = [];
  for (const blocked of [root, ...blocks.blockers]) {
    for (const parent of all.in[blocked] ?? []) {
      if (openness[parent] !== "closed" || isResolved[parent] || parent === root) continue;
      isResolved[parent] = 1;
      resolved.push(parent);
    }
  }

  // Everything upstream of a resolved blocker that no open chain reaches.
  const seen = new Uint8Array(keys.length);
  const queue = [...resolved];
  for (const node of queue) seen[node] = 1;
  const noLongerBlocking: number[] = [];
  for (let head = 0; head < queue.length; head++) {
    for (const parent of all.in[queue[head] as number] ?? []) {
      if (seen[parent]) continue;
      seen[parent] = 1;
      queue.push(parent);
      if (!isBlocker[parent] && parent !== root && !isResolved[parent]) {
        noLongerBlocking.push(parent);
      }
    }
  }

  const open = blocks.blockers.map(keyOf);
  return {
    direct: direct.map(keyOf),
    open,
    count: open.length,
    resolved: resolved.sort((a, b) => a - b).map(keyOf),
    noLongerBlocking: noLongerBlocking.sort((a, b) => a - b).map(keyOf),
  };
}
