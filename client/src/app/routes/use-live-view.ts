import { useCallback, useSyncExternalStore } from "react";
import { findBlockers } from "../../features/insights/analysis/blockers";
import { useLiveChanges } from "../../features/live/use-live-changes";
import { useLiveReads } from "../../features/live/use-live-reads";
import { answerFreshness } from "../../lib/answer-freshness";
import type { GraphNode, GraphSnapshot } from "../../lib/graph-types";
import { opennessOf } from "../../lib/graph-vocabulary";

export interface LiveViewOptions {
  snapshot: GraphSnapshot;
  settled: boolean;
  /** Seconds between re-reads; null when off (or when showing a frozen snapshot). */
  live: number | null;
  viewKey: string;
  reread(): void;
  refresh(): void;
}

const blockersOf = (snapshot: GraphSnapshot) => findBlockers(snapshot).open;
const isClosed = (node: GraphNode | undefined) => opennessOf(node) === "closed";

/** Live mode for the workspace: re-reads on the interval, and what they changed. */
export function useLiveView({
  snapshot,
  settled,
  live,
  viewKey,
  reread,
  refresh,
}: LiveViewOptions) {
  const changes = useLiveChanges({ snapshot, settled, viewKey, blockersOf, isClosed });
  const { expectReading } = changes;
  const liveReread = useCallback(() => {
    expectReading();
    reread();
  }, [expectReading, reread]);
  useLiveReads({ intervalS: live, settled, reread: liveReread });
  const liveRefresh = useCallback(() => {
    expectReading();
    refresh();
  }, [expectReading, refresh]);
  const staleAsOf = useSyncExternalStore(
    answerFreshness.subscribe,
    answerFreshness.oldestStale,
    answerFreshness.oldestStale,
  );
  return { ...changes, refresh: liveRefresh, staleAsOf };
}
