import type { RedisConnection } from "./redis-connection";

export interface CacheTierOptions {
  /** Key prefix, one per cache (`casegraph:links:`), so caches never collide. */
  prefix: string;
  ttlMs: number;
  /** How long past its time to live an entry is kept to answer when the upstream fails. */
  staleMs: number;
  /** Larger answers stay in the replica's own cache only: one entry cannot crowd Redis. */
  maxEntryBytes: number;
}

/** What a tier entry holds: the value, until when it is fresh, and when it was stored. */
export interface TierEntry<V> {
  value: V;
  freshUntil: number;
  storedAt: number;
}

export interface CacheTier<V> {
  get(key: string): Promise<TierEntry<V> | undefined>;
  /** The entry as stored, unparsed (what a coalescer hands on). */
  getRaw(key: string): Promise<string | undefined>;
  /** Stores and returns the entry as serialised (what a coalescer announces). */
  set(key: string, value: V): Promise<string | undefined>;
  /** Reads back an announced entry. */
  parse(serialised: string): TierEntry<V> | undefined;
  /** The entry for a value loaded now, serialised (without storing it). */
  serialise(value: V): string;
  readonly ttlMs: number;
}

/**
 * The shared tier behind each replica's in-memory cache: the same time to live, plus a stale
 * window (Redis expires the key at ttl + stale) for answering when the upstream fails. Memory
 * is bounded by Redis's `maxmemory` with `allkeys-lru` and by the per-entry size bound here.
 */
export function createRedisCacheTier<V>(
  redis: RedisConnection,
  options: CacheTierOptions,
): CacheTier<V> {
  const parse = (raw: string): TierEntry<V> | undefined => {
    try {
      const entry = JSON.parse(raw) as { v?: V; f?: number; s?: number };
      if (entry.v === undefined || typeof entry.f !== "number" || typeof entry.s !== "number")
        return undefined;
      return { value: entry.v, freshUntil: entry.f, storedAt: entry.s };
    } catch {
      return undefined;
    }
  };
  const serialise = (value: V) => {
    const now = Date.now();
    return JSON.stringify({ v: value, f: now + options.ttlMs, s: now });
  };

  return {
    ttlMs: options.ttlMs,
    parse,
    serialise,
    async getRaw(key) {
      const raw = await redis.run((c) => c.get(options.prefix + key));
      return typeof raw === "string" ? raw : undefined;
    },
    async get(key) {
      const raw = await this.getRaw(key);
      return raw === undefined ? undefined : parse(raw);
    },
    async set(key, value) {
      const raw = serialise(value);
      if (Buffer.byteLength(raw) > options.maxEntryBytes) return undefined;
      const expiryMs = Math.max(1, options.ttlMs + options.staleMs);
      await redis.run((c) => c.set(options.prefix + key, raw, "PX", expiryMs));
      return raw;
    },
  };
}
