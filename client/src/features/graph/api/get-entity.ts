import type {
  EntityLabel,
  EntityRef,
  EntityResponse,
  EntityType,
} from "@casegraph/server/contract";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client";
import type { BatchLoader } from "./batch-loader";
import { defaultLookupLoader } from "./lookup-loader";
import { entityKeys } from "./query-keys";

export const LABEL_STALE_TIME_MS = 60_000;

/** The label of a node already known by its UUID, batched with its neighbours' lookups. */
export function getEntityLabel(
  ref: EntityRef,
  loader: BatchLoader = defaultLookupLoader,
): Promise<EntityLabel> {
  return loader.loadLabel(ref);
}

export function labelQueryOptions(ref: EntityRef, loader: BatchLoader = defaultLookupLoader) {
  return queryOptions({
    queryKey: entityKeys.label(ref.type, ref.id),
    queryFn: () => getEntityLabel({ type: ref.type, id: ref.id }, loader),
    staleTime: LABEL_STALE_TIME_MS,
  });
}

/**
 * One entity looked up on its own, to resolve the root of `/cases/<key or uuid>`: the answer
 * carries the UUID even when the URL holds a case key.
 */
export async function getEntity(
  type: EntityType,
  idOrKey: string,
  options: { signal?: AbortSignal } = {},
): Promise<EntityLabel> {
  const path = `/api/entities/${encodeURIComponent(type)}/${encodeURIComponent(idOrKey)}`;
  const body = await getJson<EntityResponse>(path, options);
  return body.data;
}

export function entityQueryOptions(type: EntityType, idOrKey: string) {
  return queryOptions({
    queryKey: entityKeys.detail(type, idOrKey),
    queryFn: ({ signal }) => getEntity(type, idOrKey, { signal }),
    staleTime: LABEL_STALE_TIME_MS,
  });
}

export function useEntity(type: EntityType, idOrKey: string) {
  return useQuery(entityQueryOptions(type, idOrKey));
}
