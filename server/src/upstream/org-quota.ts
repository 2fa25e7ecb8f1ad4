/**
 * The org's own upstream quota, as Datadog reports it in `X-RateLimit-*` on every answer (one
 * window per endpoint family, named by `X-RateLimit-Name`). One client may use at most
 * `clientShare` of a window, so that nobody can spend the whole org's quota and leave everyone
 * else with 503s until it resets; and when the window is nearly spent, calls wait for its
 * reset (or are refused when that is far off) rather than run into Datadog's 429s. With other
 * replicas (Redis) a client's calls are counted across all of them, so together they slow down
 * before the org's quota is gone; when Redis does not answer, each replica counts its own.
 */
export type QuotaVerdict =
  /** The window is spent: wait this long for it to reset (or refuse if that is too long). */
  | { waitMs: number }
  /** This client has had its share of the window: refused until it resets. */
  | { refuseSec: number };

export interface OrgQuota {
  /** Undefined when the call may go now (it is then counted against the client's share). */
  check(family: string, clientId: string): Promise<QuotaVerdict | undefined>;
  /** Counts a call that went and reads the window from the answer's headers. */
  observe(family: string, clientId: string, headers: Headers): void;
}

/** One window as any replica saw it: enough for another to count calls in it. */
export interface QuotaWindow {
  limit: number;
  /** Epoch milliseconds. */
  resetAt: number;
}

/** Calls spent in a window, counted across replicas (Redis). */
export interface SharedQuotaCount {
  /**
   * Counts one call of `clientId` in the family's window, which ends at `resetAt`, unless
   * `share` calls were counted already. `true`: counted, the call may go; `false`: the share is
   * spent; `undefined`: cannot tell (Redis does not answer), this replica's own count decides.
   */
  claim(
    family: string,
    clientId: string,
    share: number,
    resetAt: number,
  ): Promise<boolean | undefined>;
  /** The window another replica has seen, for a replica that has seen none yet. */
  window(family: string): Promise<QuotaWindow | undefined>;
  /**
   * Tells the other replicas of a window this one has just seen, and answers the window as they
   * all count it (the first replica's reading of its reset), or `undefined` without Redis.
   */
  announce(family: string, window: QuotaWindow): Promise<QuotaWindow | undefined>;
}

/** How far apart two readings of one window's reset may be (Datadog rounds to whole seconds). */
export const SAME_WINDOW_MS = 1500;

/** Two readings of one window: same size, resets within Datadog's whole-second rounding. */
export const sameWindow = (a: QuotaWindow, b: QuotaWindow) =>
  a.limit === b.limit && Math.abs(a.resetAt - b.resetAt) <= SAME_WINDOW_MS;

interface Window {
  limit: number;
  remaining: number;
  resetAt: number;
  used: Map<string, number>;
  /** Until the replicas' name for this window is known, claims wait for it. */
  naming?: Promise<void>;
}

export interface OrgQuotaOptions {
  /** Fraction (0–1] of one window one client may use. */
  clientShare: number;
  /** Fraction of the window kept back: below it only calls that must go (none) go. */
  reserve?: number;
  now?: () => number;
  /** The count shared with other replicas. */
  shared?: SharedQuotaCount;
}

export function createOrgQuota(options: OrgQuotaOptions): OrgQuota {
  const now = options.now ?? Date.now;
  const reserve = options.reserve ?? 0.02;
  const windows = new Map<string, Window>();

  const { shared } = options;

  const current = (family: string): Window | undefined => {
    const window = windows.get(family);
    if (window && now() >= window.resetAt) {
      windows.delete(family);
      return undefined;
    }
    return window;
  };

  /** This replica's window, or the one another replica announced (its remaining unknown). */
  const known = async (family: string): Promise<Window | undefined> => {
    const window = current(family);
    if (window || !shared) return window;
    const seen = await shared.window(family);
    if (!seen || seen.resetAt <= now() || current(family)) return current(family);
    const adopted = {
      limit: seen.limit,
      remaining: seen.limit,
      resetAt: seen.resetAt,
      used: new Map(),
    };
    windows.set(family, adopted);
    return adopted;
  };

  return {
    async check(family, clientId) {
      const window = await known(family);
      if (!window) return undefined;
      await window.naming;
      const resetInMs = Math.max(0, window.resetAt - now());
      if (window.remaining <= Math.floor(window.limit * reserve)) return { waitMs: resetInMs };
      const share = Math.max(1, Math.ceil(window.limit * options.clientShare));
      const refused = { refuseSec: Math.max(1, Math.ceil(resetInMs / 1000)) };
      const claimed = await shared?.claim(family, clientId, share, window.resetAt);
      if (claimed !== undefined) return claimed ? undefined : refused;
      return (window.used.get(clientId) ?? 0) >= share ? refused : undefined;
    },
    observe(family, clientId, headers) {
      const limit = Number(headers.get("x-ratelimit-limit"));
      const remaining = Number(headers.get("x-ratelimit-remaining"));
      const reset = Number(headers.get("x-ratelimit-reset"));
      if (!(limit > 0) || !Number.isFinite(remaining) || !(reset >= 0)) return;
      const resetAt = now() + reset * 1000;
      let window = current(family);
      // Another window (its reset moved, or its size changed): start counting again.
      if (!window || !sameWindow(window, { limit, resetAt })) {
        const seen: Window = { limit, remaining, resetAt, used: new Map() };
        window = seen;
        windows.set(family, seen);
        // Counted under the reset every replica names it by.
        seen.naming = shared?.announce(family, { limit, resetAt }).then((named) => {
          if (named) seen.resetAt = named.resetAt;
          delete seen.naming;
        });
      }
      window.limit = limit;
      window.remaining = Math.min(window.remaining, remaining);
      window.used.set(clientId, (window.used.get(clientId) ?? 0) + 1);
    },
  };
}
