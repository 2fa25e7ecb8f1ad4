import { LRUCache } from "lru-cache";

/**
 * Repeated identical failures from one client are logged once per window, with how many were
 * left out since: a flood of bad or refused requests cannot flood the log.
 */
export interface LogSampler {
  /** `undefined`: leave this one out. Otherwise log it, with the count left out before it. */
  take(key: string): { suppressed: number } | undefined;
}

export function createLogSampler(windowMs = 10_000, maxKeys = 10_000): LogSampler {
  const seen = new LRUCache<string, { until: number; suppressed: number }>({ max: maxKeys });
  return {
    take(key) {
      const now = Date.now();
      const entry = seen.get(key);
      if (entry && now < entry.until) {
        entry.suppressed++;
        return undefined;
      }
      seen.set(key, { until: now + windowMs, suppressed: 0 });
      return { suppressed: entry?.suppressed ?? 0 };
    },
  };
}
