import pLimit from "p-limit";
import { UpstreamFailure } from "./upstream-failure";

export interface UpstreamFetchOptions {
  /** Calls to the upstream in flight at once; the rest queue. */
  concurrency: number;
  /** Per call, covering the headers and the whole body. */
  timeoutMs: number;
  /** A 429 whose reset is at most this far away is waited out instead of answered. */
  rateLimitWaitMaxMs: number;
  /** Waited-out 429s per call before giving up: retries stay bounded. */
  maxRateLimitWaits?: number;
  fetch?: typeof fetch;
  onRateLimitWait?: (waitMs: number) => void;
  /** The org's budget shared with other replicas; without it each call learns on its own. */
  budget?: UpstreamBudget;
}

/** What the upstream's rate-limit answers say about the budget the org has left. */
export interface UpstreamBudget {
  /** How long no call should start, because the org's window is spent. */
  pausedForMs(): number;
  /** Learns from every answer's status and `X-RateLimit-*` headers. */
  observe(status: number, headers: Headers): void;
}

export interface UpstreamFetch {
  fetch: typeof fetch;
  /** Calls waiting for a slot and calls in flight. */
  load(): { active: number; pending: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function resetSeconds(headers: Headers): number | undefined {
  const raw = headers.get("x-ratelimit-reset") ?? headers.get("retry-after");
  if (raw === null) return undefined;
  const seconds = Number.parseInt(raw, 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * The transport under the official Datadog client: caps concurrency, bounds each call in
 * time (body included, so a connection that stalls mid-body still ends), and waits out short
 * rate limits so one burst does not fail a whole graph.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions): UpstreamFetch {
  const limit = pLimit(options.concurrency);
  const baseFetch = options.fetch ?? fetch;
  const maxWaits = options.maxRateLimitWaits ?? 2;

  const attempt = async (input: string | URL | Request, init: RequestInit | undefined) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal });
    } catch (error) {
      throw toFailure(error, timeout, options.timeoutMs);
    }
    // Read the body inside the deadline, then hand the client a complete response.
    let body: ArrayBuffer;
    try {
      body = await response.arrayBuffer();
    } catch (error) {
      throw toFailure(error, timeout, options.timeoutMs);
    }
    return new Response(response.status === 204 ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  const upstreamFetch = async (input: string | URL | Request, init?: RequestInit) =>
    limit(async () => {
      for (let waits = 0; ; waits++) {
        const pausedMs = options.budget?.pausedForMs() ?? 0;
        if (pausedMs > 0) {
          if (pausedMs > options.rateLimitWaitMaxMs) {
            throw new UpstreamFailure(
              "rate_limited",
              "Datadog is rate limiting link lookups",
              Math.max(1, Math.ceil(pausedMs / 1000)),
            );
          }
          options.onRateLimitWait?.(pausedMs);
          await sleep(pausedMs + Math.floor(Math.random() * 250));
        }
        const response = await attempt(input, init);
        options.budget?.observe(response.status, response.headers);
        if (response.status !== 429) return response;
        const resetSec = resetSeconds(response.headers);
        const waitMs = resetSec === undefined ? undefined : resetSec * 1000;
        if (waitMs === undefined || waitMs > options.rateLimitWaitMaxMs || waits >= maxWaits) {
          throw new UpstreamFailure(
            "rate_limited",
            "Datadog is rate limiting link lookups",
            Math.max(1, resetSec ?? 60),
          );
        }
        options.onRateLimitWait?.(waitMs);
        // A little jitter so that many waiting calls do not return in one burst.
        await sleep(waitMs + Math.floor(Math.random() * 250));
      }
    });

  return {
    fetch: upstreamFetch as typeof fetch,
    load: () => ({ active: limit.activeCount, pending: limit.pendingCount }),
  };
}

function toFailure(error: unknown, timeout: AbortSignal, timeoutMs: number): UpstreamFailure {
  if (timeout.aborted) {
    return new UpstreamFailure("timeout", `Datadog did not answer within ${timeoutMs} ms`);
  }
  // Only the system error code (ECONNREFUSED, ENOTFOUND, …): fetch's own messages can quote
  // request headers, and the keys travel in headers.
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  const reason = typeof code === "string" && /^[A-Z_]{2,40}$/.test(code) ? ` (${code})` : "";
  return new UpstreamFailure("network", `Datadog could not be reached${reason}`);
}
