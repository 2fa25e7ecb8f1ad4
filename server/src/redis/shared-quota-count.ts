import { type QuotaWindow, type SharedQuotaCount, sameWindow } from "../upstream/org-quota";
import type { RedisConnection } from "./redis-connection";

export interface SharedQuotaCountOptions {
  prefix: string;
}

/**
 * Calls each client spent in the org's current `X-RateLimit-*` window, counted in Redis so that
 * replicas together keep to a client's share: one key per client and window (named by the
 * window's reset), `INCR` and `PEXPIREAT` at that reset in one `MULTI`, and a claim over the
 * share given back. The window itself (limit and reset) is kept under a key until its reset: the
 * first replica to see a window names it for all (Datadog gives the reset in whole seconds, so
 * replicas' own readings differ a little), and a replica that has not called in it yet counts
 * from its first call.
 */
export function createSharedQuotaCount(
  redis: RedisConnection,
  options: SharedQuotaCountOptions,
): SharedQuotaCount {
  const countKey = (family: string, clientId: string, resetAt: number) =>
    `${options.prefix}quota:${family}:used:${Math.ceil(resetAt)}:${clientId}`;
  const windowKey = (family: string) => `${options.prefix}quota:${family}:window`;

  return {
    async claim(family, clientId, share, resetAt) {
      const key = countKey(family, clientId, resetAt);
      const answer = await redis.run((c) =>
        c.multi().incr(key).pexpireat(key, Math.ceil(resetAt)).exec(),
      );
      const count = answer?.[0]?.[0] === null ? answer[0][1] : undefined;
      if (typeof count !== "number") return undefined;
      if (count <= share) return true;
      // Refused: this call is not spent, so the count stays at what went.
      void redis.run((c) => c.decr(key));
      return false;
    },
    async window(family) {
      return parseWindow(await redis.run((c) => c.get(windowKey(family))));
    },
    async announce(family, window: QuotaWindow) {
      const key = windowKey(family);
      const at = Math.ceil(window.resetAt);
      const value = `${window.limit} ${at}`;
      const answer = await redis.run((c) =>
        c.multi().set(key, value, "PXAT", at, "NX").get(key).exec(),
      );
      const stored = parseWindow(answer?.[1]?.[1]);
      if (stored && sameWindow(stored, window)) return stored;
      // What was there is another window (its size changed before its reset): this one replaces it.
      const replaced = await redis.run((c) => c.set(key, value, "PXAT", at));
      return replaced === "OK" ? { limit: window.limit, resetAt: at } : undefined;
    },
  };
}

function parseWindow(stored: unknown): QuotaWindow | undefined {
  if (typeof stored !== "string") return undefined;
  const [limit, resetAt] = stored.split(" ").map(Number);
  if (!(limit && limit > 0) || !(resetAt && resetAt > 0)) return undefined;
  return { limit, resetAt };
}
