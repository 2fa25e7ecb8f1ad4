import type { ConfigResponse } from "@casegraph/server/contract";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client";
import { configKeys } from "./query-keys";

export function getConfig(options: { signal?: AbortSignal } = {}): Promise<ConfigResponse> {
  return getJson<ConfigResponse>("/api/config", options);
}

export function configQueryOptions() {
  return queryOptions({
    queryKey: configKeys.all,
    queryFn: ({ signal }) => getConfig({ signal }),
    // The mode and site are fixed for the life of the server process.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useConfig() {
  return useQuery(configQueryOptions());
}
