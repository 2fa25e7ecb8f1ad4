import type { EntityRef, Link } from "@casegraph/server/contract";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { BatchLoader, LoadOptions } from "./batch-loader";
import { defaultLookupLoader } from "./lookup-loader";
import { entityKeys } from "./query-keys";

/** Links change rarely within a minute; the graph re-reads them on Refresh. */
export const LINKS_STALE_TIME_MS = 60_000;

/** Every link the entity takes part in, as parent or child, as the BFF sent them. */
export function getLinks(
  ref: EntityRef,
  loader: BatchLoader = defaultLookupLoader,
  options?: LoadOptions,
): Promise<Link[]> {
  return loader.loadLinks(ref, options);
}

/** `readAhead`: how far the graph reads past this entity (see `LoadOptions`); not part of the key. */
export function linksQueryOptions(
  ref: EntityRef,
  loader: BatchLoader = defaultLookupLoader,
  readAhead?: Pick<LoadOptions, "ahead" | "cap">,
) {
  return queryOptions({
    queryKey: entityKeys.links(ref.type, ref.id),
    queryFn: () => getLinks({ type: ref.type, id: ref.id }, loader, readAhead),
    staleTime: LINKS_STALE_TIME_MS,
  });
}

export function useLinks(ref: EntityRef) {
  return useQuery(linksQueryOptions(ref));
}
