import { setMaxListeners } from "node:events";
import { FairGate, type SharedSlots } from "./fair-gate";
import { createLeanFetch, type LeanResponse, leanResponse } from "./lean-fetch";
import type { LookupBudget } from "./lookup-budget";
import type { OrgQuota } from "./org-quota";
import { UpstreamFailure } from "./upstream-failure";
import { currentUpstreamScope } from "./upstream-scope";

export interface UpstreamFetchOptions {
  /** Calls to the upstream in flight at once; the rest queue, fairly between clients. */
  concurrency: number;
  /** Per call, covering the headers and the whole body. */
  timeoutMs: number;
  /** A lookup that has not started this long after it was asked for is answered 503. */
  startWithinMs: number;
  /** Lookups one client may have waiting for a slot. */
  queueMaxPerClient: number;
  /** A 429 whose reset is at most this far away is waited out instead of answered. */
  rateLimitWaitMaxMs: number;
  /** Waited-out 429s per call before giving up: retries stay bounded. */
  maxRateLimitWaits?: number;
  /** Each client's budget of upstream calls. */
  budget?: LookupBudget;
  /** The org's quota as the upstream reports it. */
  orgQuota?: OrgQuota;
  /** Replaces the lean default (`createLeanFetch`, over undici's `request`); tests inject fakes. */
  fetch?: typeof fetch;
  onRateLimitWait?: (waitMs: number) => void;
  /** The org's rate-limit pause shared with other replicas (Redis). */
  sharedPause?: SharedPause;
  /** The upstream slots counted across replicas (Redis); `concurrency` is then their total. */
  sharedSlots?: SharedSlots;
}

/** What the upstream's rate-limit answers, seen by any replica, say about when to call again. */
export interface SharedPause {
  /** How long no call should start, because the org's window is spent. */
  pausedForMs(): number;
  /** Learns from every answer's status and `X-RateLimit-*` headers. */
  observe(status: number, headers: Headers): void;
}

/** The last answer (or failure) a real upstream call got: the readiness check reuses it. */
export interface UpstreamOutcome {
  at: number;
  ok: boolean;
  code?: "upstream_error" | "upstream_unauthorized";
  reason?: string;
}

export interface UpstreamFetch {
  fetch: typeof fetch;
  /** Calls waiting for a slot and calls in flight. */
  load(): { active: number; pending: number; clients: number };
  lastOutcome(): UpstreamOutcome | undefined;
  /** Ends the upstream connections and the calls still in flight (at shutdown). */
  close(): Promise<void>;
}

/** Waits, unless the caller hangs up first. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/**
 * A signal that aborts when any of `sources` does, unlinked again by `release`. Cheaper than
 * `AbortSignal.any`/`AbortSignal.timeout` (each a transferable, tracked signal) on the path of
 * every upstream call, and nothing stays attached to a long-lived request signal afterwards.
 */
function followSignals(...sources: (AbortSignal | null | undefined)[]): {
  controller: AbortController;
  release: () => void;
} {
  const controller = new AbortController();
  const linked: [AbortSignal, () => void][] = [];
  const release = () => {
    for (const [source, onAbort] of linked) source.removeEventListener("abort", onAbort);
  };
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    const onAbort = () => {
      release();
      controller.abort(source.reason);
    };
    source.addEventListener("abort", onAbort, { once: true });
    linked.push([source, onAbort]);
  }
  return { controller, release };
}

function resetSeconds(headers: Headers): number | undefined {
  const raw = headers.get("x-ratelimit-reset") ?? headers.get("retry-after");
  if (raw === null) return undefined;
  const seconds = Number.parseInt(raw, 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** One quota window per endpoint family, as Datadog names them. */
function familyOf(input: string | URL | Request): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const path = new URL(url).pathname;
  if (path.endsWith("/cases/link")) return "cases_link_read";
  if (path.includes("/incidents/")) return "incidents_read";
  return "cases_read";
}

/**
 * For calls made with no caller to hang up (never aborted). Every such call in flight listens
 * to it (the gate, a rate-limit pause, undici), so it has no listener limit to warn about.
 */
const NEVER_ABORTED = new AbortController().signal;
setMaxListeners(0, NEVER_ABORTED);

const isJson = (headers: Headers) => /\bjson\b/i.test(headers.get("content-type") ?? "");

/**
 * The transport under the official Datadog client. It never follows a redirect (the keys
 * travel in headers and would go along), refuses answers that are not Datadog's JSON, shares
 * the upstream slots fairly between clients, charges each client's budget, answers 503 when a
 * lookup cannot start within its deadline (counted from when it was asked for), bounds each
 * call in time (body included), aborts when nobody waits any more, and waits out short rate
 * limits (Datadog's 429s, or its quota headers saying the window is spent) so one burst does
 * not fail a whole graph.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions): UpstreamFetch {
  const gate = new FairGate({
    concurrency: options.concurrency,
    queueMaxPerClient: options.queueMaxPerClient,
    startWithinMs: options.startWithinMs,
    ...(options.sharedSlots ? { shared: options.sharedSlots } : {}),
  });
  // At most one connection per call that may be in flight (the gate's slots).
  const lean = createLeanFetch({ connections: options.concurrency });
  const baseFetch: (input: string | URL | Request, init: RequestInit) => Promise<LeanResponse> =
    options.fetch ?? lean;
  const maxWaits = options.maxRateLimitWaits ?? 2;
  let outcome: UpstreamOutcome | undefined;
  const record = (ok: boolean, code?: UpstreamOutcome["code"], reason?: string) => {
    outcome = { at: Date.now(), ok, ...(code ? { code } : {}), ...(reason ? { reason } : {}) };
  };

  const attempt = async (
    input: string | URL | Request,
    init: RequestInit | undefined,
    caller: AbortSignal,
  ) => {
    const bounded = followSignals(caller);
    const deadline = { passed: false };
    const timer = setTimeout(() => {
      deadline.passed = true;
      bounded.controller.abort(new Error("upstream deadline"));
    }, options.timeoutMs);
    try {
      return await attemptWithin(input, init, bounded.controller.signal, deadline);
    } finally {
      clearTimeout(timer);
      bounded.release();
    }
  };

  const attemptWithin = async (
    input: string | URL | Request,
    init: RequestInit | undefined,
    signal: AbortSignal,
    deadline: { passed: boolean },
  ) => {
    let response: LeanResponse;
    try {
      response = await baseFetch(input, { ...init, signal, redirect: "manual" });
    } catch (error) {
      throw toFailure(error, deadline, options.timeoutMs, record);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get("location");
      let where = "an unnamed address";
      try {
        if (location) where = new URL(location, response.url || String(input)).origin;
      } catch {
        where = "an unreadable address";
      }
      const reason = `HTTP ${response.status} redirect to ${where}, not followed`;
      record(false, "upstream_error", reason);
      throw new UpstreamFailure(
        "redirect",
        "Datadog answered with a redirect, which casegraph does not follow (check DD_API_URL)",
        undefined,
        reason,
      );
    }
    // Read the body inside the deadline, then hand the client a complete response.
    let body: ArrayBuffer;
    try {
      body = await response.arrayBuffer();
    } catch (error) {
      throw toFailure(error, deadline, options.timeoutMs, record);
    }
    const answered = response.status !== 204 && response.status !== 429 && response.status < 500;
    if (answered && !isJson(response.headers)) {
      const reason = `HTTP ${response.status} with content type ${JSON.stringify(response.headers.get("content-type") ?? "none").slice(0, 80)}`;
      record(false, "upstream_error", reason);
      throw new UpstreamFailure(
        "not_datadog",
        "The upstream's answer is not Datadog's JSON",
        undefined,
        reason,
      );
    }
    if (response.status === 401 || response.status === 403) {
      record(false, "upstream_unauthorized", `HTTP ${response.status}`);
    } else if (response.status >= 500) {
      record(false, "upstream_error", `HTTP ${response.status}`);
    } else {
      record(true);
    }
    // The Datadog client reads only the status, the headers and the text: no web stream needed.
    return leanResponse(
      response.status,
      response.statusText,
      response.headers,
      response.status === 204 ? null : body,
    );
  };

  const upstreamFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const scope = currentUpstreamScope();
    const family = familyOf(input);
    const allowed = await options.budget?.take(scope.clientId);
    if (allowed && !allowed.ok) {
      throw new UpstreamFailure(
        "client_budget",
        "This client has made too many lookups that reach Datadog",
        allowed.retryAfterSec,
      );
    }
    // Usually only the scope's signal is set (the Datadog client passes none of its own).
    const own = init?.signal ?? undefined;
    const linked = own && scope.signal ? followSignals(own, scope.signal) : undefined;
    const signal = linked?.controller.signal ?? own ?? scope.signal ?? NEVER_ABORTED;
    const called = gate.run(scope.clientId, scope.askedAt, signal, async () => {
      for (let waits = 0; ; waits++) {
        const pausedMs = options.sharedPause?.pausedForMs() ?? 0;
        if (pausedMs > 0) {
          // Another replica (or this one) saw the org's window spent: wait for its reset.
          if (pausedMs > options.rateLimitWaitMaxMs) {
            throw new UpstreamFailure(
              "rate_limited",
              "Datadog is rate limiting link lookups",
              Math.max(1, Math.ceil(pausedMs / 1000)),
            );
          }
          options.onRateLimitWait?.(pausedMs);
          await pause(pausedMs + Math.floor(Math.random() * 250), signal);
        }
        const verdict = await options.orgQuota?.check(family, scope.clientId);
        if (verdict && "refuseSec" in verdict) {
          throw new UpstreamFailure(
            "quota",
            "This client has used its share of the org's Datadog quota",
            verdict.refuseSec,
          );
        }
        if (verdict && (verdict.waitMs > options.rateLimitWaitMaxMs || waits >= maxWaits)) {
          throw new UpstreamFailure(
            "quota",
            "The org's Datadog quota is spent",
            Math.max(1, Math.ceil(verdict.waitMs / 1000)),
          );
        }
        if (verdict) {
          // Spent: wait for the window rather than spend a call on a certain 429.
          await pause(verdict.waitMs, signal);
          continue;
        }
        const response = await attempt(input, init, signal);
        options.sharedPause?.observe(response.status, response.headers);
        if (response.status !== 429) {
          options.orgQuota?.observe(family, scope.clientId, response.headers);
          return response;
        }
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
        await pause(waitMs + Math.floor(Math.random() * 250), signal);
      }
    });
    return linked ? called.finally(linked.release) : called;
  };

  return {
    fetch: upstreamFetch as typeof fetch,
    load: () => gate.load(),
    lastOutcome: () => outcome,
    close: () => lean.close(),
  };
}

function toFailure(
  error: unknown,
  deadline: { passed: boolean },
  timeoutMs: number,
  record: (ok: boolean, code?: UpstreamOutcome["code"], reason?: string) => void,
): unknown {
  if (deadline.passed) {
    return new UpstreamFailure("timeout", `Datadog did not answer within ${timeoutMs} ms`);
  }
  // The caller hung up: not an upstream failure, pass the abort on as it came.
  if ((error as { name?: unknown })?.name === "AbortError") return error;
  // Only the system error code (ECONNREFUSED, ENOTFOUND, …): fetch's own messages can quote
  // request headers, and the keys travel in headers.
  // fetch wraps the system error as its cause; undici's request throws it as it is.
  const failure = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = failure?.cause?.code ?? failure?.code;
  const reason = typeof code === "string" && /^[A-Z_]{2,40}$/.test(code) ? ` (${code})` : "";
  record(false, "upstream_error", `network${reason}`);
  return new UpstreamFailure("network", `Datadog could not be reached${reason}`);
}
