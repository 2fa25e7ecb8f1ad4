import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useLocation } from "react-router";
import { toApiError } from "../../lib/api-client";
import { readStoredSnapshot } from "./share-snapshot";
import { type DecodeResult, decodeSnapshot, snapshotFromHash } from "./snapshot-codec";

/** The graph a snapshot link carries in its fragment; null for an ordinary address. */
export function useFrozenGraph(): DecodeResult | null {
  const { hash } = useLocation();
  return useMemo(() => {
    const encoded = snapshotFromHash(hash);
    return encoded === null ? null : decodeSnapshot(encoded);
  }, [hash]);
}

/**
 * The graph a short snapshot link (`/snapshot/<id>`) names, read from the server once (a kept
 * snapshot never changes); undefined while it is being read.
 */
export function useStoredFrozenGraph(id: string): DecodeResult | undefined {
  const stored = useQuery({
    queryKey: ["snapshot", id],
    queryFn: ({ signal }) => readStoredSnapshot(id, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return useMemo(() => {
    if (stored.data !== undefined) return decodeSnapshot(stored.data);
    if (stored.error) return { ok: false, reason: reasonOf(stored.error) };
    return undefined;
  }, [stored.data, stored.error]);
}

function reasonOf(error: unknown): string {
  const failure = toApiError(error);
  if (failure.status === 404) return "This snapshot has expired or the link is mistyped.";
  if (failure.status === 401) return "Sign in to open this snapshot.";
  return `The snapshot could not be read: ${failure.message}`;
}
