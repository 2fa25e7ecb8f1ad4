import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { GraphNode, GraphSnapshot, NodeKey } from "../../lib/graph-types";
import { type ChangeItem, summariseChanges } from "./model/change-summary";
import {
  markClasses,
  NO_CHANGES,
  nextExpiry,
  pruneChanges,
  type RecentChanges,
  recordChange,
  withGhosts,
} from "./model/recent-changes";
import { diffSnapshots, sameSnapshot } from "./model/snapshot-diff";

export interface Reading {
  at: number;
  snapshot: GraphSnapshot;
}

export interface LiveChangesOptions {
  snapshot: GraphSnapshot;
  settled: boolean;
  /** Root, depth, cap…: a new view starts a new history. */
  viewKey: string;
  blockersOf(snapshot: GraphSnapshot): readonly NodeKey[];
  isClosed(node: GraphNode | undefined): boolean;
}

export interface LiveChanges {
  /** Readings that differed from the one before; the first is what the page opened on. */
  readings: readonly Reading[];
  /** When the latest reading settled; null before the first. */
  updatedAt: number | null;
  /** The reading the summary compares with (index into `readings`). */
  since: number;
  setSince(index: number): void;
  summary: ChangeItem[];
  /** What the canvas draws of a reading: it plus ghosts of links removed lately. */
  drawnFrom(snapshot: GraphSnapshot): GraphSnapshot;
  /** Canvas classes by element id for what changed lately. */
  marks: ReadonlyMap<string, readonly string[]>;
  /** When the root's last open blocker cleared, while that is still the case. */
  allClearAt: number | null;
  /** Call before a re-read or Refresh: its answer counts as a reading, with its changes marked. */
  expectReading(): void;
  /** A re-read is under way: the change it brings is a live update, drawn without a new layout. */
  reading: boolean;
}

/**
 * Keeps the same snapshot object while a re-read finds the same graph, so nothing downstream
 * (analyses, canvas, layout) runs again for an unchanged graph.
 */
export function useUnchangedSnapshot(snapshot: GraphSnapshot): GraphSnapshot {
  const kept = useRef(snapshot);
  if (snapshot !== kept.current && !sameSnapshot(kept.current, snapshot)) kept.current = snapshot;
  return kept.current;
}

interface History {
  viewKey: string;
  readings: Reading[];
  updatedAt: number | null;
  since: number;
  recent: RecentChanges;
  /** Entities and links that appeared through view changes (Expand), not through Datadog. */
  grown: Set<string>;
  latest: GraphSnapshot | null;
  allClearAt: number | null;
}

const fresh = (viewKey: string): History => ({
  viewKey,
  readings: [],
  updatedAt: null,
  since: 0,
  recent: NO_CHANGES,
  grown: new Set(),
  latest: null,
  allClearAt: null,
});

/** What changed in the graph since the page opened, from one settled reading to the next. */
export function useLiveChanges(options: LiveChangesOptions): LiveChanges {
  const { snapshot, settled, viewKey, blockersOf, isClosed } = options;
  const [history, setHistory] = useState<History>(() => fresh(viewKey));
  const expecting = useRef(false);
  const [reading, setReading] = useState(false);
  const current = history.viewKey === viewKey ? history : fresh(viewKey);

  useEffect(() => {
    if (!settled || snapshot.nodes.size === 0) return;
    const fromReading = expecting.current;
    expecting.current = false;
    setReading(false);
    setHistory((before) => {
      const h = before.viewKey === viewKey ? before : fresh(viewKey);
      const now = Date.now();
      const latest = h.latest;
      if (latest === null) {
        return { ...h, readings: [{ at: now, snapshot }], latest: snapshot, updatedAt: now };
      }
      if (latest === snapshot) return { ...h, updatedAt: now };
      // A reading with lookups that failed says nothing about what was removed: keep comparing
      // with the last whole one, so a failed re-read is never shown as the graph emptying.
      if (snapshot.incomplete && !latest.incomplete) return h;
      if (!fromReading) {
        // Expand and the like: the graph grew because the person asked, not because Datadog
        // changed; what appeared is left out of the summary.
        const grown = new Set(h.grown);
        const diff = diffSnapshots(latest, snapshot);
        for (const key of diff.addedNodes) grown.add(key);
        for (const edge of diff.addedEdges) grown.add(edge.id);
        return { ...h, grown, latest: snapshot, updatedAt: now };
      }
      const blockersBefore = blockersOf(latest);
      const blockersNow = blockersOf(snapshot);
      const cleared = blockersBefore.length > 0 && blockersNow.length === 0 && !snapshot.incomplete;
      return {
        ...h,
        readings: [...h.readings, { at: now, snapshot }].slice(-MAX_READINGS),
        since: h.readings.length >= MAX_READINGS ? Math.max(0, h.since - 1) : h.since,
        latest: snapshot,
        updatedAt: now,
        recent: recordChange(pruneChanges(h.recent, now), {
          before: latest,
          after: snapshot,
          blockersBefore,
          blockersAfter: blockersNow,
          isClosed,
          now,
        }),
        allClearAt: cleared ? now : blockersNow.length > 0 ? null : h.allClearAt,
      };
    });
  }, [settled, snapshot, viewKey, blockersOf, isClosed]);

  // Marks fade on their own: one timer for the next expiry, not a clock ticking every second.
  const expiry = nextExpiry(current.recent);
  useEffect(() => {
    if (expiry === undefined) return;
    const timer = setTimeout(
      () => setHistory((h) => ({ ...h, recent: pruneChanges(h.recent, Date.now()) })),
      Math.max(0, expiry - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [expiry]);

  const sinceReading = current.readings[current.since] ?? current.readings[0];
  // What the summary compares: the latest reading it accepted, not one whose lookups failed.
  const trusted =
    snapshot.incomplete && current.latest && !current.latest.incomplete ? current.latest : snapshot;
  const summary = useMemo(() => {
    if (!sinceReading) return [];
    return summariseChanges({
      since: sinceReading.snapshot,
      now: trusted,
      blockersSince: blockersOf(sinceReading.snapshot),
      blockersNow: blockersOf(trusted),
      isClosed,
      ignore: current.grown,
    });
  }, [sinceReading, trusted, blockersOf, isClosed, current.grown]);

  const recent = current.recent;
  const drawnFrom = useCallback((shown: GraphSnapshot) => withGhosts(shown, recent), [recent]);
  const marks = useMemo(() => markClasses(recent), [recent]);
  const setSince = useCallback((index: number) => setHistory((h) => ({ ...h, since: index })), []);
  const expectReading = useCallback(() => {
    expecting.current = true;
    setReading(true);
  }, []);

  return {
    readings: current.readings,
    updatedAt: current.updatedAt,
    since: current.since,
    setSince,
    summary,
    drawnFrom,
    marks,
    allClearAt: current.allClearAt,
    expectReading,
    reading,
  };
}

/** A page open for hours keeps the last readings only. */
const MAX_READINGS = 50;
