import { useMemo } from "react";
import { useLocation } from "react-router";
import { type DecodeResult, decodeSnapshot, snapshotFromHash } from "./snapshot-codec";

/** The graph a snapshot link carries in its fragment; null for an ordinary address. */
export function useFrozenGraph(): DecodeResult | null {
  const { hash } = useLocation();
  return useMemo(() => {
    const encoded = snapshotFromHash(hash);
    return encoded === null ? null : decodeSnapshot(encoded);
  }, [hash]);
}
