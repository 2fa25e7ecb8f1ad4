import { type QuotaWindow, SAME_WINDOW_MS, type SharedQuotaCount } from "../upstream/org-quota";
import type { RedisConnection } from "./redis-connection";

/**
 * Names a window for every replica in one step: the stored window when it is the same one (same
 * size, reset within the rounding), otherwise this reading, stored until its reset. A script
 * because two replicas replacing a window of another size at once must agree on one name; a
 * read then a write could leave each with its own, and a client's calls counted twice over.
 */
const NAME_WINDOW = `
local stored = redis.call('GET', KEYS[1])
if stored then
  local limit, reset = string.match(stored, '^(%d+) (%d+)$')
  if tonumber(limit) == tonumber(ARGV[1]) and math.abs(tonumber(reset) - tonumber(ARGV[2])) <= tonumber(ARGV[3]) then
    return stored
  end
end
local value = ARGV[1] .. ' ' .. ARGV[2]
redis.call('SET', KEYS[1], value, 'PXAT', ARGV[2])
return value`;

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
      const at = Math.ceil(window.resetAt);
      const named = await redis.run((c) =>
        c.eval(NAME_WINDOW, 1, windowKey(family), window.limit, at, SAME_WINDOW_MS),
      );
      return parseWindow(named);
    },
  };
}

function parseWindow(stored: unknown): QuotaWindow | undefined {
  if (typeof stored !== "string") return undefined;
  const [limit, resetAt] = stored.split(" ").map(Number);
  if (!(limit && limit > 0) || !(resetAt && resetAt > 0)) return undefined;
  return { limit, resetAt };
}
