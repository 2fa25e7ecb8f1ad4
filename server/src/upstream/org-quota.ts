/**
 * The org's own upstream quota, as Datadog reports it in `X-RateLimit-*` on every answer (one
 * window per endpoint family, named by `X-RateLimit-Name`). One client may use at most
 * `clientShare` of a window, so that nobody can spend the whole org's quota and leave everyone
 * else with 503s until it resets; and when the window is nearly spent, calls wait for its
 * reset (or are refused when that is far off) rather than run into Datadog's 429s.
 */
export type QuotaVerdict =
  /** The window is spent: wait this long for it to reset (or refuse if that is too long). */
  | { waitMs: number }
  /** This client has had its share of the window: refused until it resets. */
  | { refuseSec: number };

export interface OrgQuota {
  /** Undefined when the call may go now. */
  check(family: string, clientId: string): QuotaVerdict | undefined;
  /** Counts a call that went and reads the window from the answer's headers. */
  observe(family: string, clientId: string, headers: Headers): void;
}

interface Window {
  limit: number;
  remaining: number;
  resetAt: number;
  used: Map<string, number>;
}

export interface OrgQuotaOptions {
  /** Fraction (0–1] of one window one client may use. */
  clientShare: number;
  /** Fraction of the window kept back: below it only calls that must go (none) go. */
  reserve?: number;
  now?: () => number;
}

export function createOrgQuota(options: OrgQuotaOptions): OrgQuota {
  const now = options.now ?? Date.now;
  const reserve = options.reserve ?? 0.02;
  const windows = new Map<string, Window>();

  const current = (family: string): Window | undefined => {
    const window = windows.get(family);
    if (window && now() >= window.resetAt) {
      windows.delete(family);
      return undefined;
    }
    return window;
  };

  return {
    check(family, clientId) {
      const window = current(family);
      if (!window) return undefined;
      const resetInMs = Math.max(0, window.resetAt - now());
      if (window.remaining <= Math.floor(window.limit * reserve)) return { waitMs: resetInMs };
      if ((window.used.get(clientId) ?? 0) >= Math.max(1, window.limit * options.clientShare)) {
        return { refuseSec: Math.max(1, Math.ceil(resetInMs / 1000)) };
      }
      return undefined;
    },
    observe(family, clientId, headers) {
      const limit = Number(headers.get("x-ratelimit-limit"));
      const remaining = Number(headers.get("x-ratelimit-remaining"));
      const reset = Number(headers.get("x-ratelimit-reset"));
      if (!(limit > 0) || !Number.isFinite(remaining) || !(reset >= 0)) return;
      const resetAt = now() + reset * 1000;
      let window = current(family);
      // Another window (its reset moved, or its size changed): start counting again.
      if (!window || Math.abs(resetAt - window.resetAt) > 1500 || limit !== window.limit) {
        window = { limit, remaining, resetAt, used: new Map() };
        windows.set(family, window);
      }
      window.limit = limit;
      window.remaining = Math.min(window.remaining, remaining);
      window.used.set(clientId, (window.used.get(clientId) ?? 0) + 1);
    },
  };
}
