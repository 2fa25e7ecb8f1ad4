import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";

/** The label fields a person watches change during an incident. */
export const WATCHED_FIELDS = ["status", "priority", "assignee", "title"] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

export interface FieldChange {
  key: NodeKey;
  field: WatchedField;
  from: string | undefined;
  to: string | undefined;
}

/** What differs between two readings of the same graph. */
export interface SnapshotDiff {
  addedNodes: NodeKey[];
  removedNodes: NodeKey[];
  addedEdges: GraphEdge[];
  removedEdges: GraphEdge[];
  /** Only between labels both readings have: a label still loading or failed is not a change. */
  changed: FieldChange[];
}

/** Differences of entities, links and watched label fields, in the order of `after`. */
export function diffSnapshots(before: GraphSnapshot, after: GraphSnapshot): SnapshotDiff {
  const addedNodes: NodeKey[] = [];
  const changed: FieldChange[] = [];
  for (const [key, node] of after.nodes) {
    const old = before.nodes.get(key);
    if (!old) {
      addedNodes.push(key);
      continue;
    }
    if (!old.label || !node.label) continue;
    for (const field of WATCHED_FIELDS) {
      const from = old.label[field];
      const to = node.label[field];
      if (from !== to) changed.push({ key, field, from, to });
    }
  }
  const removedNodes = [...before.nodes.keys()].filter((key) => !after.nodes.has(key));
  const beforeEdges = new Map(before.edges.map((edge) => [edge.id, edge]));
  const afterEdges = new Map(after.edges.map((edge) => [edge.id, edge]));
  const addedEdges = after.edges.filter((edge) => !sameEdge(beforeEdges.get(edge.id), edge));
  const removedEdges = before.edges.filter((edge) => !sameEdge(afterEdges.get(edge.id), edge));
  return { addedNodes, removedNodes, addedEdges, removedEdges, changed };
}

export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return (
    diff.addedNodes.length === 0 &&
    diff.removedNodes.length === 0 &&
    diff.addedEdges.length === 0 &&
    diff.removedEdges.length === 0 &&
    diff.changed.length === 0
  );
}

/**
 * Whether two readings would draw the same picture: same entities with the same labels and
 * lookup states, same links. A re-read that finds this keeps the old snapshot object, so
 * nothing downstream (analyses, canvas, layout) runs again.
 */
export function sameSnapshot(a: GraphSnapshot, b: GraphSnapshot): boolean {
  if (a === b) return true;
  if (a.rootKey !== b.rootKey || a.incomplete !== b.incomplete) return false;
  if (a.nodes.size !== b.nodes.size || a.edges.length !== b.edges.length) return false;
  for (const [key, node] of a.nodes) {
    const other = b.nodes.get(key);
    if (!other || !sameNode(node, other)) return false;
  }
  const edges = new Map(a.edges.map((edge) => [edge.id, edge]));
  return b.edges.every((edge) => sameEdge(edges.get(edge.id), edge));
}

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a.hop === b.hop &&
    a.frontier === b.frontier &&
    a.labelStatus === b.labelStatus &&
    a.linksStatus === b.linksStatus &&
    a.labelError?.code === b.labelError?.code &&
    a.linksError?.code === b.linksError?.code &&
    sameRecord(a.label, b.label)
  );
}

function sameRecord(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const left = Object.entries(a);
  if (left.length !== Object.keys(b).length) return false;
  const right = b as Record<string, unknown>;
  return left.every(([key, value]) => right[key] === value);
}

function sameEdge(a: GraphEdge | undefined, b: GraphEdge): boolean {
  return (
    a !== undefined &&
    a.source === b.source &&
    a.target === b.target &&
    a.relationship === b.relationship
  );
}
