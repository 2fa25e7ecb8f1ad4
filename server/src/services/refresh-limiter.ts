import { LRUCache } from "lru-cache";

/**
 * `Cache-Control: no-cache` sends a lookup past the cache to Datadog. A person pressing Refresh
 * needs that once per entity every few seconds; more from one client is answered from the cache.
 */
export interface RefreshLimiter {
  /** Whether this client may read `key` fresh now (and, if so, counts it). */
  allow(clientId: string, key: string): boolean;
}

export function createRefreshLimiter(intervalMs: number, maxTracked = 200_000): RefreshLimiter {
  if (intervalMs <= 0) return { allow: () => true };
  const recent = new LRUCache<string, true>({ max: maxTracked, ttl: intervalMs });
  return {
    allow(clientId, key) {
      const id = `${clientId}\u0000${key}`;
      if (recent.has(id)) return false;
      recent.set(id, true);
      return true;
    },
  };
}
