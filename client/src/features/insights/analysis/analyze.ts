import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { type DuplicateCluster, findDuplicateClusters } from "../../../lib/graph-vocabulary";
import { type Blockers, findBlockers } from "./blockers";
import { type ClearStep, findClearOrder } from "./clear-order";
import { findCriticalPath } from "./critical-path";
import { type Cycle, findCycles } from "./cycles";
import { findOpenBlocks } from "./open-blocks";
import { findRootCauses, type RootCauses } from "./root-causes";

export interface Insights {
  rootKey: NodeKey;
  blockers: Blockers;
  /** Longest chain of open blockers, blocker first, root last; empty when none. */
  criticalPath: NodeKey[];
  clearOrder: ClearStep[];
  /** BLOCKS cycles first, then CAUSES. */
  cycles: Cycle[];
  rootCauses: RootCauses;
  duplicates: DuplicateCluster[];
  /** The snapshot was still loading, partly failed or cut off: there may be more. */
  incomplete: boolean;
  /** Cases taken as open because their status is not known yet, among those that matter here. */
  unknownStatus: NodeKey[];
}

/** Every dependency insight about the root of a snapshot, in one linear-time pass per analysis. */
export function analyze(snapshot: GraphSnapshot): Insights {
  const blocks = findOpenBlocks(snapshot);
  const cycles = findCycles(snapshot, blocks);
  const blockers = findBlockers(snapshot, blocks);

  // Status only matters where it decides a result: the open blockers and the deadlocks.
  const { indexOf } = blocks.nodeIndex;
  const unknown = new Set<NodeKey>();
  const consider = (key: NodeKey) => {
    const index = indexOf.get(key);
    if (index !== undefined && blocks.openness[index] === "unknown") unknown.add(key);
  };
  blockers.open.forEach(consider);
  for (const cycle of cycles) if (cycle.deadlock) cycle.path.forEach(consider);

  return {
    rootKey: snapshot.rootKey,
    blockers,
    criticalPath: findCriticalPath(snapshot, blocks),
    clearOrder: findClearOrder(snapshot, blocks),
    cycles,
    rootCauses: findRootCauses(snapshot, blocks.nodeIndex),
    duplicates: findDuplicateClusters(snapshot),
    incomplete: snapshot.incomplete,
    unknownStatus: [...unknown].sort(),
  };
}
