import type { SessionResponse } from "@casegraph/server/contract";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../lib/api-client";

export const sessionKeys = { all: ["session"] as const };

export function getSession(options: { signal?: AbortSignal } = {}): Promise<SessionResponse> {
  return getJson<SessionResponse>("/api/session", options);
}

/** How often an open page checks that its sign-in still holds (mid-incident expiry). */
const RECHECK_MS = 60_000;

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => getSession({ signal }),
    staleTime: RECHECK_MS,
    refetchInterval: RECHECK_MS,
    refetchOnWindowFocus: true,
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** Sign-in address that brings the person back to exactly this view (path and query). */
export function signInHref(session: SessionResponse, location: Location = window.location): string {
  const base = session.sign_in_url ?? "/auth/login";
  return `${base}?return_to=${encodeURIComponent(`${location.pathname}${location.search}`)}`;
}
