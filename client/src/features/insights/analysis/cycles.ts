import type { GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { findOpenBlocks, type OpenBlocks } from "./open-blocks";
import { buildRelationGraph, type RelationGraph } from "./relation-graph";
import { type Components, isCyclic, stronglyConnected } from "./strongly-connected";

export type CycleRelationship = "BLOCKS" | "CAUSES";

export interface Cycle {
  relationship: CycleRelationship;
  /** Every case in the strongly connected component, by key. */
  members: NodeKey[];
  /** One concrete cycle: each entry links to the next, and the last links back to the first. */
  path: NodeKey[];
  /**
   * BLOCKS only: the component holds a cycle of open cases (then `path` is that cycle), so no
   * order can clear them. A BLOCKS cycle through a closed case is already broken.
   */
  deadlock: boolean;
}

/** Cycles in BLOCKS and CAUSES over the whole snapshot: components of size > 1 and self-loops. */
export function findCycles(
  snapshot: GraphSnapshot,
  blocks: OpenBlocks = findOpenBlocks(snapshot),
): Cycle[] {
  const allComponents = stronglyConnected(blocks.all.out);
  const blocking = cyclesOf(blocks.all, allComponents, "BLOCKS");
  const causes = buildRelationGraph(snapshot, "CAUSES", () => true, blocks.nodeIndex);
  const causing = cyclesOf(causes, stronglyConnected(causes.out), "CAUSES");

  const openCycles = blocks.openComponents.components.filter((m) => isCyclic(m, blocks.open.out));
  const byFirstMember = new Map(blocking.map((entry) => [entry.members[0] as number, entry]));
  for (const members of openCycles) {
    const start = members[0] as number;
    const outer = allComponents.components[allComponents.componentOf[start] as number] ?? [];
    const entry = byFirstMember.get(outer[0] as number);
    if (!entry || entry.cycle.deadlock) continue;
    entry.cycle.deadlock = true;
    const path = cyclePath(blocks.open, blocks.openComponents, start);
    entry.cycle.path = path.map((n) => blocks.nodeIndex.keys[n] as NodeKey);
  }
  return [...blocking, ...causing].map((entry) => entry.cycle);
}

interface Found {
  members: number[];
  cycle: Cycle;
}

function cyclesOf(
  graph: RelationGraph,
  found: Components,
  relationship: CycleRelationship,
): Found[] {
  const keyOf = (n: number) => graph.keys[n] as NodeKey;
  return found.components
    .filter((members) => isCyclic(members, graph.out))
    .sort((a, b) => (a[0] as number) - (b[0] as number))
    .map((members) => ({
      members,
      cycle: {
        relationship,
        members: members.map(keyOf),
        path: cyclePath(graph, found, members[0] as number).map(keyOf),
        deadlock: false,
      },
    }));
}

/** The shortest cycle through `start` inside its component, by breadth-first search. */
export function cyclePath(graph: RelationGraph, found: Components, start: number): number[] {
  const component = found.componentOf[start];
  const previous = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const child of graph.out[node] ?? []) {
      if (child === start) {
        const path: number[] = [];
        for (let at = node; at >= 0; at = previous.get(at) as number) path.push(at);
        return path.reverse();
      }
      if (previous.has(child) || found.componentOf[child] !== component) continue;
      previous.set(child, node);
      queue.push(child);
    }
  }
  return [start];
}
