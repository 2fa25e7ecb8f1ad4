import { QueryClient } from "@tanstack/react-query";
import { retryDelayMs, shouldRetry } from "../lib/retry-policy";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay: retryDelayMs,
      },
    },
  });
}
