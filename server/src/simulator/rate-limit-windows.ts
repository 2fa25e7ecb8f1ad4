import type { RateLimitKnob } from "./knobs";

/** Values for the X-RateLimit-* headers of one response. */
export interface RateLimitState {
  name: string;
  limit: number;
  periodSec: number;
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSec: number;
  exceeded: boolean;
}

/** What the headers claim when no limit is set: generous, so nothing ever trips it. */
const NOMINAL_LIMIT: RateLimitKnob = { limit: 1_000_000, periodSec: 60 };

interface Window {
  startedAt: number;
  count: number;
}

/** Fixed windows per rate-limit name, the way Datadog counts per endpoint family. */
export class RateLimitWindows {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Counts one request against `name` and says whether it may pass. */
  take(name: string, knob: RateLimitKnob | undefined): RateLimitState {
    const { limit, periodSec } = knob ?? NOMINAL_LIMIT;
    const now = this.#now();
    const periodMs = periodSec * 1000;
    let window = this.#windows.get(name);
    if (window === undefined || now - window.startedAt >= periodMs) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(name, window);
    }
    const exceeded = knob !== undefined && window.count >= limit;
    if (!exceeded) window.count += 1;
    const resetSec = Math.max(1, Math.ceil((window.startedAt + periodMs - now) / 1000));
    return {
      name,
      limit,
      periodSec,
      remaining: Math.max(0, limit - window.count),
      resetSec,
      exceeded,
    };
  }

  clear(): void {
    this.#windows.clear();
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Period": String(state.periodSec),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.resetSec),
    "X-RateLimit-Name": state.name,
  };
}
