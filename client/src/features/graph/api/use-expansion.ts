import type { EntityRef } from "@casegraph/server/contract";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { NodeKey } from "../../../lib/graph-types";
import { Expansion } from "../model/expansion";
import type { BatchLoader } from "./batch-loader";
import { type ExpansionState, ExpansionStore } from "./expansion-store";
import { labelQueryOptions } from "./get-entity";
import { linksQueryOptions } from "./get-links";
import { defaultLookupLoader } from "./lookup-loader";
import { entityKeys } from "./query-keys";

const NO_IDS: readonly string[] = [];

export interface UseExpansionOptions {
  /** The resolved root (UUID); null while it is being resolved. */
  root: EntityRef | null;
  depth: number;
  cap?: number;
  /** Relationships whose ancestors of the root are shown past the depth; see ExpansionOptions. */
  upstream?: readonly string[];
  /** Entity ids whose neighbours are read past the depth (the URL's `expand`). */
  expanded?: readonly string[];
  /** Defaults to the app's shared batch loader. */
  loader?: BatchLoader;
}

export interface ExpansionView extends ExpansionState {
  /** Shows one more hop from the node, past the depth. */
  expand(key: NodeKey): void;
  /** Asks again for the node's failed lookups. */
  retry(key: NodeKey): void;
  /** Re-reads everything from the BFF, keeping the current graph on screen meanwhile. */
  refresh(): void;
  /**
   * Re-reads everything through the BFF's cache (live mode): what the BFF holds is answered
   * without an upstream call, and the graph on screen stays until the new reading settles.
   */
  reread(): void;
}

/**
 * The graph around `root`, growing as answers arrive. Lookups go through react-query, one cache
 * entry per entity, so Expand, a new root or a new depth reuse what is already known.
 */
export function useExpansion({
  root,
  depth,
  cap,
  upstream,
  expanded = NO_IDS,
  loader = defaultLookupLoader,
}: UseExpansionOptions): ExpansionView {
  const queryClient = useQueryClient();
  const [store] = useState(() => new ExpansionStore());
  const [generation, setGeneration] = useState(0);
  const rootType = root?.type;
  const rootId = root?.id;
  // Callers may pass a new array on every render; only a change of its contents restarts.
  const upstreamKey = upstream === undefined ? "" : JSON.stringify(upstream);
  // Expanding more never restarts the expansion: a new one starts with the latest list.
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;

  useEffect(() => {
    if (!rootType || !rootId) {
      store.clear();
      return;
    }
    // The generation is not part of the key: a refresh of the same view holds the old graph.
    void generation;
    const expansion = new Expansion({
      root: { type: rootType, id: rootId },
      depth,
      cap,
      upstream: upstreamKey === "" ? undefined : (JSON.parse(upstreamKey) as string[]),
      expanded: expandedRef.current,
      loadLinks: (ref, hint) => queryClient.fetchQuery(linksQueryOptions(ref, loader, hint)),
      loadLabel: (ref) => queryClient.fetchQuery(labelQueryOptions(ref, loader)),
    });
    return store.run(expansion, `${rootType}:${rootId}|${depth}|${cap ?? ""}|${upstreamKey}`);
  }, [store, queryClient, loader, rootType, rootId, depth, cap, upstreamKey, generation]);

  useEffect(() => {
    for (const id of expanded) store.expandId(id);
  }, [store, expanded]);

  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  const refresh = useCallback(() => {
    // Marks every entity's links and label stale; the restarted expansion fetches them anew,
    // past the server's cache too, so Refresh shows what Datadog says now.
    loader.revalidateAll();
    void queryClient.invalidateQueries({ queryKey: entityKeys.all });
    setGeneration((g) => g + 1);
  }, [queryClient, loader]);

  const reread = useCallback(() => {
    // Stale, not refetched here: the restarted expansion asks for exactly what it shows.
    void queryClient.invalidateQueries({ queryKey: entityKeys.all, refetchType: "none" });
    setGeneration((g) => g + 1);
  }, [queryClient]);

  return { ...state, expand: store.expand, retry: store.retry, refresh, reread };
}
