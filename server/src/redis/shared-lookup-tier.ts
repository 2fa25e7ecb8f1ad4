import type { LookupTier } from "../services/lookup-cache";
import type { CacheTier } from "./redis-cache-tier";
import type { RedisCoalescer } from "./redis-coalescer";

export interface SharedLookupTierOptions {
  /** Names the cache in lock and channel keys (`links`, `labels`). */
  name: string;
  /** Failures that a stale answer may stand in for (upstream down, slow, rate limiting). */
  staleOnError: (error: unknown) => boolean;
}

/**
 * What a replica does on a miss in its own cache: take a fresh answer from Redis, else read the
 * upstream once for all replicas (coalesced), store the answer for the others, and when the
 * upstream fails answer with the stale entry if Redis still has one.
 */
export function createSharedLookupTier<V>(
  tier: CacheTier<V>,
  coalescer: RedisCoalescer,
  options: SharedLookupTierOptions,
): LookupTier<V> {
  return {
    async load(key, load, { fresh }) {
      const started = Date.now();
      const known = await tier.get(key);
      if (known && !fresh && known.freshUntil > started) {
        return { value: known.value, at: known.storedAt };
      }
      let raw: string;
      try {
        raw = await coalescer.run(`${options.name}:${key}`, {
          load: async () => {
            const value = await load();
            return (await tier.set(key, value)) ?? tier.serialise(value);
          },
          recheck: async () => {
            const again = await tier.getRaw(key);
            const entry = again === undefined ? undefined : tier.parse(again);
            // A Refresh only takes an answer read after it was asked for.
            const usable =
              entry && entry.freshUntil > Date.now() && (!fresh || entry.storedAt >= started);
            return usable ? again : undefined;
          },
        });
      } catch (error) {
        if (known && !fresh && options.staleOnError(error))
          return { value: known.value, at: known.storedAt };
        throw error;
      }
      const entry = tier.parse(raw);
      if (!entry) return { value: await load(), at: Date.now() };
      return { value: entry.value, at: entry.storedAt };
    },
  };
}
