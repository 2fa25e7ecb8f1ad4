import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../lib/api-client";

/** Retries are bounded and back off; a 4xx other than 429 is never retried. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (
            error instanceof ApiError &&
            error.status >= 400 &&
            error.status < 500 &&
            error.status !== 429
          ) {
            return false;
          }
          return failureCount < 2;
        },
        retryDelay: (attempt, error) =>
          error instanceof ApiError && error.retryAfterSec !== undefined
            ? Math.min(error.retryAfterSec * 1000, 30_000)
            : Math.min(500 * 2 ** attempt, 8_000),
      },
    },
  });
}
