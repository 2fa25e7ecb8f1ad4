import { LRUCache } from "lru-cache";

export interface LookupCacheOptions {
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
}

/**
 * A second tier behind the in-memory cache (shared by replicas): it answers a miss from what it
 * holds or by running `load`, and says how long the answer stays fresh.
 */
export interface LookupTier<V> {
  load(
    key: string,
    load: () => Promise<V>,
    options: { fresh: boolean },
  ): Promise<{ value: V; ttlMs: number }>;
}

/**
 * A bounded TTL cache that also coalesces: while a lookup of a key is in flight, every other
 * caller of that key waits for the same upstream call. Failures are not cached.
 */
export class LookupCache<V extends object> {
  private readonly cache: LRUCache<string, V, () => Promise<{ value: V; ttlMs?: number }>>;
  private readonly tier: LookupTier<V> | undefined;

  constructor(options: LookupCacheOptions, tier?: LookupTier<V>) {
    this.tier = tier;
    this.cache = new LRUCache<string, V, () => Promise<{ value: V; ttlMs?: number }>>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // Rough UTF-16 size of the JSON; enough to keep memory bounded by bytes, not just entries.
      sizeCalculation: (value) => Math.max(1, JSON.stringify(value).length * 2),
      ttl: Math.max(1, options.ttlMs),
      ttlAutopurge: false,
      // An in-flight lookup evicted by cache pressure must still answer its callers (it is just
      // not kept); without this lru-cache resolves it to undefined and the lookup fails.
      ignoreFetchAbort: true,
      fetchMethod: async (_key, _stale, { context, options: entry }) => {
        const { value, ttlMs } = await context();
        // An answer another replica stored earlier is fresh only for what is left of its life.
        if (ttlMs !== undefined) entry.ttl = Math.max(1, ttlMs);
        return value;
      },
    });
  }

  /**
   * The cached value, or the result of `load` shared by everyone asking meanwhile. `fresh`
   * skips a cached value (a lookup already in flight is still shared).
   */
  async get(key: string, load: () => Promise<V>, options: { fresh?: boolean } = {}): Promise<V> {
    const fresh = options.fresh ?? false;
    const tier = this.tier;
    const value = await this.cache.fetch(key, {
      context: tier ? () => tier.load(key, load, { fresh }) : async () => ({ value: await load() }),
      forceRefresh: fresh,
    });
    if (value === undefined) throw new Error(`lookup of ${key} was aborted`);
    return value;
  }

  peek(key: string): V | undefined {
    return this.cache.get(key);
  }

  set(key: string, value: V): void {
    this.cache.set(key, value);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }

  get calculatedBytes(): number {
    return this.cache.calculatedSize;
  }
}
