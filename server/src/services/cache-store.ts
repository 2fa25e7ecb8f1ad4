import { LRUCache } from "lru-cache";

/** What the cache keeps for one key: the last good answer, or that the upstream had none. */
export interface CacheEntry<V> {
  value?: V;
  /** The upstream said 404: kept briefly so unknown ids do not cost a call each time. */
  notFound?: string;
  /** When the upstream gave this answer (ms since epoch). */
  at: number;
  /** When a refetch after `at` last failed: the value is then served as stale. */
  failedAt?: number;
}

/**
 * Where cached answers live. An interface so a shared tier (Redis) can stand behind it; the
 * lookup cache keeps freshness, coalescing and stale-if-error on top.
 */
export interface CacheStore<V> {
  get(key: string): CacheEntry<V> | undefined;
  /** `keepMs`: how long the entry may be kept at all (stale answers included). */
  set(key: string, entry: CacheEntry<V>, keepMs: number): void;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
  readonly calculatedBytes: number;
}

export interface MemoryStoreOptions {
  maxEntries: number;
  maxBytes: number;
}

/** An LRU bounded in entries and bytes. */
export function createMemoryStore<V extends object>(options: MemoryStoreOptions): CacheStore<V> {
  const cache = new LRUCache<string, CacheEntry<V>>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    // Rough UTF-16 size of the JSON; enough to keep memory bounded by bytes, not just entries.
    sizeCalculation: (entry) =>
      Math.max(1, (JSON.stringify(entry.value ?? null).length + (entry.notFound?.length ?? 0)) * 2),
    ttlAutopurge: false,
  });
  return {
    get: (key) => cache.get(key),
    set: (key, entry, keepMs) => {
      cache.set(key, entry, { ttl: Math.max(1, keepMs) });
    },
    delete: (key) => {
      cache.delete(key);
    },
    clear: () => cache.clear(),
    get size() {
      return cache.size;
    },
    get calculatedBytes() {
      return cache.calculatedSize;
    },
  };
}
