import type { GraphEdge, GraphNode, GraphSnapshot, NodeKey } from "../../../lib/graph-types";
import { diffSnapshots } from "./snapshot-diff";

/** Canvas classes for what a re-read changed; styled in the canvas stylesheet's live block. */
export const LIVE_CLASSES = {
  added: "live-new",
  changed: "live-changed",
  cleared: "live-cleared",
  ghost: "live-ghost",
} as const;

/** How long a change stays marked on the canvas. */
export const LIVE_MARK_MS = 120_000;

interface Mark {
  className: string;
  until: number;
}

/** Marks on entities and links (by node key or link id) and ghosts of removed links. */
export interface RecentChanges {
  marks: ReadonlyMap<string, Mark>;
  ghosts: ReadonlyMap<string, { edge: GraphEdge; until: number }>;
}

export const NO_CHANGES: RecentChanges = { marks: new Map(), ghosts: new Map() };

export interface ReadingChange {
  before: GraphSnapshot;
  after: GraphSnapshot;
  /** Open blockers of the root before and after the change. */
  blockersBefore: readonly NodeKey[];
  blockersAfter?: readonly NodeKey[];
  isClosed(node: GraphNode | undefined): boolean;
  now: number;
  ttlMs?: number;
}

/** Adds the marks of one changed reading to those still showing. */
export function recordChange(recent: RecentChanges, change: ReadingChange): RecentChanges {
  const { before, after, now } = change;
  const until = now + (change.ttlMs ?? LIVE_MARK_MS);
  const diff = diffSnapshots(before, after);
  const marks = new Map(recent.marks);
  const ghosts = new Map(recent.ghosts);
  for (const key of diff.addedNodes) marks.set(key, { className: LIVE_CLASSES.added, until });
  for (const edge of diff.addedEdges) {
    marks.set(edge.id, { className: LIVE_CLASSES.added, until });
    ghosts.delete(edge.id);
  }
  for (const { key, field } of diff.changed) {
    if (field === "status" || field === "priority") {
      marks.set(key, { className: LIVE_CLASSES.changed, until });
    }
  }
  for (const key of change.blockersBefore) {
    const node = after.nodes.get(key);
    if (node && change.isClosed(node) && !change.isClosed(before.nodes.get(key))) {
      marks.set(key, { className: LIVE_CLASSES.cleared, until });
    }
  }
  // A case already on the graph that now blocks the root is as new as an entity that appeared.
  const wasBlocker = new Set(change.blockersBefore);
  for (const key of change.blockersAfter ?? []) {
    if (!wasBlocker.has(key)) marks.set(key, { className: LIVE_CLASSES.added, until });
  }
  for (const edge of diff.removedEdges) {
    if (!after.edges.some((kept) => kept.id === edge.id)) ghosts.set(edge.id, { edge, until });
  }
  return { marks, ghosts };
}

/** Forgets what has been shown long enough; the same object when nothing expired. */
export function pruneChanges(recent: RecentChanges, now: number): RecentChanges {
  const expired =
    [...recent.marks.values()].some((mark) => mark.until <= now) ||
    [...recent.ghosts.values()].some((ghost) => ghost.until <= now);
  if (!expired) return recent;
  return {
    marks: new Map([...recent.marks].filter(([, mark]) => mark.until > now)),
    ghosts: new Map([...recent.ghosts].filter(([, ghost]) => ghost.until > now)),
  };
}

/** When the next mark expires, or undefined when none is showing. */
export function nextExpiry(recent: RecentChanges): number | undefined {
  let next: number | undefined;
  for (const { until } of [...recent.marks.values(), ...recent.ghosts.values()]) {
    if (next === undefined || until < next) next = until;
  }
  return next;
}

/** Class lists by element id, for the canvas. */
export function markClasses(recent: RecentChanges): Map<string, string[]> {
  const classes = new Map<string, string[]>();
  for (const [id, mark] of recent.marks) classes.set(id, [mark.className]);
  for (const id of recent.ghosts.keys()) classes.set(id, [LIVE_CLASSES.ghost]);
  return classes;
}

/**
 * The snapshot the canvas draws: the reading plus ghosts of removed links whose two ends are
 * still shown, so a person sees where a link was before it fades out.
 */
export function withGhosts(snapshot: GraphSnapshot, recent: RecentChanges): GraphSnapshot {
  if (recent.ghosts.size === 0) return snapshot;
  const present = new Set(snapshot.edges.map((edge) => edge.id));
  const ghosts = [...recent.ghosts.values()]
    .map(({ edge }) => edge)
    .filter(
      (edge) =>
        !present.has(edge.id) && snapshot.nodes.has(edge.source) && snapshot.nodes.has(edge.target),
    );
  return ghosts.length === 0 ? snapshot : { ...snapshot, edges: [...snapshot.edges, ...ghosts] };
}
