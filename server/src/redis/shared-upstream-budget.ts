import type { SharedPause } from "../upstream/upstream-fetch";
import type { RedisConnection } from "./redis-connection";

export interface SharedBudgetOptions {
  prefix: string;
}

/** Seconds until the upstream's window resets, when the answer says the budget is spent. */
function spentForSeconds(status: number, headers: Headers): number | undefined {
  const reset = Number.parseInt(headers.get("x-ratelimit-reset") ?? "", 10);
  if (!Number.isFinite(reset) || reset < 0) return undefined;
  if (status === 429) return reset;
  return headers.get("x-ratelimit-remaining")?.trim() === "0" ? reset : undefined;
}

/**
 * The org's upstream budget as every replica sees it: a 429 (or a window with nothing
 * remaining) seen by one replica pauses the upstream calls of all of them until Datadog's reset,
 * announced on a channel and kept under a key for replicas that start meanwhile. Without Redis
 * each replica only knows what it saw itself.
 */
export function createSharedUpstreamBudget(
  redis: RedisConnection,
  options: SharedBudgetOptions,
): SharedPause {
  const key = `${options.prefix}upstream:paused-until`;
  const channel = `${options.prefix}upstream:pause`;
  let pausedUntil = 0;

  const learn = (until: number) => {
    if (Number.isFinite(until) && until > pausedUntil) pausedUntil = until;
  };
  redis.subscribe(channel, (message) => learn(Number(message)));
  // What was announced before this replica listened.
  const catchUp = async () => {
    const stored = await redis.run((c) => c.get(key));
    if (typeof stored === "string") learn(Number(stored));
  };
  void catchUp();

  return {
    pausedForMs: () => Math.max(0, pausedUntil - Date.now()),
    observe(status, headers) {
      const seconds = spentForSeconds(status, headers);
      if (seconds === undefined) return;
      const until = Date.now() + seconds * 1000;
      // Already known (this window was announced): nothing to tell the others.
      if (until <= pausedUntil + 250) return;
      learn(until);
      if (seconds === 0) return;
      void redis.run((c) => c.set(key, String(until), "PX", seconds * 1000));
      void redis.publish(channel, String(until));
    },
  };
}
