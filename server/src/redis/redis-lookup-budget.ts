import type { BudgetVerdict, LookupBudget } from "../upstream/lookup-budget";
import type { RedisConnection } from "./redis-connection";

const WINDOW_MS = 60_000;

export interface RedisLookupBudgetOptions {
  prefix: string;
  perMinute: number;
  /** Counts while Redis does not answer in time: the budget then holds per replica. */
  local: LookupBudget;
  now?: () => number;
}

/**
 * Each client's budget of upstream-costing lookups counted in Redis, so lookups spent through
 * one replica count on all: a fixed one-minute window per client (`INCR` and `PEXPIRE` in one
 * `MULTI`). When Redis does not answer within the connection's timeout, this replica's own
 * budget decides instead.
 */
export function createRedisLookupBudget(
  redis: RedisConnection,
  options: RedisLookupBudgetOptions,
): LookupBudget {
  const now = options.now ?? Date.now;
  return {
    async take(clientId): Promise<BudgetVerdict> {
      const at = now();
      const window = Math.floor(at / WINDOW_MS);
      const key = `${options.prefix}${window}:${clientId}`;
      const answer = await redis.run((c) => c.multi().incr(key).pexpire(key, WINDOW_MS).exec());
      const count = answer?.[0]?.[0] === null ? answer[0][1] : undefined;
      if (typeof count !== "number") return options.local.take(clientId);
      if (count <= options.perMinute) return { ok: true };
      const endsInMs = (window + 1) * WINDOW_MS - at;
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil(endsInMs / 1000)) };
    },
  };
}
