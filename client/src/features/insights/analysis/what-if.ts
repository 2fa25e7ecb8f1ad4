import type { GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { opennessOf } from "../../../lib/graph-vocabulary";
import { findBlockers } from "./blockers";
import { findOpenBlocks } from "./open-blocks";

export interface WhatIfClosed {
  /** The case supposed closed. */
  key: NodeKey;
  /**
   * Cases it blocks that would have no open blocker left (the root among them when this was the
   * last thing in its way), nearest the root first.
   */
  unblocked: NodeKey[];
  /** Other blockers of the root that block it only through this case, so would stop blocking. */
  noLongerBlocking: NodeKey[];
  /** Open blockers of the root that would remain. */
  remaining: number;
}

/**
 * What closing one open blocker would change for the root: the snapshot with that case closed,
 * analysed like the real one. Undefined when the case is not an open blocker of the root.
 */
export function whatIfClosed(snapshot: GraphSnapshot, key: NodeKey): WhatIfClosed | undefined {
  const now = findOpenBlocks(snapshot);
  const index = now.nodeIndex.indexOf.get(key);
  if (index === undefined || !now.isBlocker[index]) return undefined;
  const node = snapshot.nodes.get(key) as GraphNode;
  const nodes = new Map(snapshot.nodes);
  nodes.set(key, {
    ...node,
    label: { ...(node.label ?? { type: "CASE", id: node.id }), status: "CLOSED" },
    labelStatus: "done",
  });
  const supposed: GraphSnapshot = { ...snapshot, nodes };
  const then = findOpenBlocks(supposed);
  const after = new Set(findBlockers(supposed, then).open);

  const openParents = (blocks: typeof now, i: number) =>
    (blocks.open.in[i] ?? []).filter((parent) => parent !== i).length;
  const keys = now.nodeIndex.keys;
  const unblocked: NodeKey[] = [];
  // The root and its blockers, nearest first: those this case blocks directly.
  for (const i of [now.root, ...now.blockers]) {
    if (i === index || !(now.all.in[i] ?? []).includes(index)) continue;
    if (opennessOf(snapshot.nodes.get(keys[i] as NodeKey)) === "closed") continue;
    if (openParents(now, i) > 0 && openParents(then, i) === 0) unblocked.push(keys[i] as NodeKey);
  }
  const noLongerBlocking = now.blockers
    .map((i) => keys[i] as NodeKey)
    .filter((blocker) => blocker !== key && !after.has(blocker));
  return { key, unblocked, noLongerBlocking, remaining: after.size };
}
