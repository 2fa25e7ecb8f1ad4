/**
 * How many upstream-costing lookups a client may make. An interface so that a shared store
 * (Redis) can stand behind it when several BFF processes share one org's quota.
 */
export interface LookupBudget {
  /** Takes one lookup from `clientId`'s budget, or says in how many seconds one is free. */
  take(clientId: string): BudgetVerdict | Promise<BudgetVerdict>;
}

export type BudgetVerdict = { ok: true } | { ok: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client in memory: `perMinute` lookups at once, refilled continuously at
 * `perMinute` a minute. Full buckets are forgotten, so idle clients cost nothing.
 */
export function createMemoryLookupBudget(
  perMinute: number,
  now: () => number = Date.now,
): { take(clientId: string): BudgetVerdict } {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let lastSweep = now();

  const sweep = (at: number) => {
    if (at - lastSweep < 60_000) return;
    lastSweep = at;
    for (const [id, bucket] of buckets) {
      if (bucket.tokens + (at - bucket.at) * perMs >= perMinute) buckets.delete(id);
    }
  };

  return {
    take(clientId) {
      const at = now();
      sweep(at);
      const bucket = buckets.get(clientId) ?? { tokens: perMinute, at };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);
      bucket.at = at;
      buckets.set(clientId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return {
        ok: false,
        retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
      };
    },
  };
}
