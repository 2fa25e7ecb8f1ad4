import type { QuotaWindow, SharedQuotaCount } from "../upstream/org-quota";
import type { RedisConnection } from "./redis-connection";

export interface SharedQuotaCountOptions {
  prefix: string;
}

/**
 * Calls each client spent in the org's current `X-RateLimit-*` window, counted in Redis so that
 * replicas together keep to a client's share: `INCR` and `PEXPIREAT … NX` at the window's reset
 * in one `MULTI` (the key ends with the window it was made in, whichever replica made it), and a
 * claim over the share is given back. The window itself (limit and reset) is kept under a key
 * until its reset, so a replica that has not called in it yet counts from its first call.
 */
export function createSharedQuotaCount(
  redis: RedisConnection,
  options: SharedQuotaCountOptions,
): SharedQuotaCount {
  const countKey = (family: string, clientId: string) =>
    `${options.prefix}quota:${family}:used:${clientId}`;
  const windowKey = (family: string) => `${options.prefix}quota:${family}:window`;

  return {
    async claim(family, clientId, share, resetAt) {
      const key = countKey(family, clientId);
      const answer = await redis.run((c) =>
        c.multi().incr(key).pexpireat(key, Math.ceil(resetAt), "NX").exec(),
      );
      const count = answer?.[0]?.[0] === null ? answer[0][1] : undefined;
      if (typeof count !== "number") return undefined;
      if (count <= share) return true;
      // Refused: this call is not spent, so the count stays at what went.
      void redis.run((c) => c.decr(key));
      return false;
    },
    async window(family) {
      const stored = await redis.run((c) => c.get(windowKey(family)));
      if (typeof stored !== "string") return undefined;
      const [limit, resetAt] = stored.split(" ").map(Number);
      if (!(limit && limit > 0) || !(resetAt && resetAt > 0)) return undefined;
      return { limit, resetAt };
    },
    announce(family, window: QuotaWindow) {
      const value = `${window.limit} ${Math.ceil(window.resetAt)}`;
      void redis.run((c) => c.set(windowKey(family), value, "PXAT", Math.ceil(window.resetAt)));
    },
  };
}
