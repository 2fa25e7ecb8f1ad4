import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { currentUpstreamScope } from "../upstream/upstream-scope";
import { LookupCache } from "./lookup-cache";

const options = {
  ttlMs: 60_000,
  notFoundTtlMs: 10_000,
  staleKeepMs: 60_000,
  maxEntries: 3,
  maxBytes: 1_000_000,
};

const gate = () => {
  let release: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { opened, release };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Moves the cache's clock (Date) on without waiting: lifetimes are long in real time, so a slow
 * machine never crosses one by accident between two lookups.
 */
const later = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
};

describe("LookupCache", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers a second lookup from the cache", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let calls = 0;
    const load = async () => ({ n: ++calls });
    expect((await cache.get("a", load)).value).toEqual({ n: 1 });
    expect((await cache.get("a", load)).value).toEqual({ n: 1 });
    expect(calls).toBe(1);
  });

  it("coalesces simultaneous lookups of one key into one load", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let calls = 0;
    const { opened, release } = gate();
    const load = async () => {
      calls++;
      await opened;
      return { n: calls };
    };
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get("a", load)));
    release();
    const results = await all;
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.value.n))).toEqual(new Set([1]));
  });

  it("does not cache failures: the next lookup tries again", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error("upstream down");
      return { n: calls };
    };
    await expect(cache.get("a", load)).rejects.toThrow("upstream down");
    expect((await cache.get("a", load)).value).toEqual({ n: 2 });
  });

  it("caches not-found briefly, so an unknown id costs one call", async () => {
    const cache = new LookupCache<{ n: number }>({ ...options, notFoundTtlMs: 10_000 });
    let calls = 0;
    const load = async (): Promise<{ n: number }> => {
      calls++;
      throw new AppError(404, "not_found", "Datadog has no case x.");
    };
    for (let i = 0; i < 5; i++) {
      await expect(cache.get("a", load)).rejects.toMatchObject({ status: 404 });
    }
    expect(calls).toBe(1);
    later(10_001);
    await expect(cache.get("a", load)).rejects.toMatchObject({ status: 404 });
    expect(calls).toBe(2);
  });

  it("keeps the last good answer when a refresh fails: the refresher is told, others get it marked stale", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let failing = false;
    const load = async () => {
      if (failing) throw new AppError(502, "upstream_error", "Datadog failed (HTTP 500).");
      return { n: 1 };
    };
    await cache.get("a", load);
    failing = true;
    await expect(cache.get("a", load, { fresh: true })).rejects.toMatchObject({ status: 502 });
    const other = await cache.get("a", load);
    expect(other.value).toEqual({ n: 1 });
    expect(other.stale?.stale).toBe(true);
    expect(Date.parse(other.stale?.as_of ?? "")).toBeGreaterThan(Date.now() - 5_000);
    failing = false;
    await cache.get("a", load, { fresh: true });
    expect((await cache.get("a", load)).stale).toBeUndefined();
  });

  it("serves an expired answer past its time at once and refetches it in the background", async () => {
    const cache = new LookupCache<{ n: number }>({ ...options, ttlMs: 10_000 });
    let calls = 0;
    const refetch = gate();
    const load = async () => {
      calls++;
      if (calls > 1) await refetch.opened;
      return { n: calls };
    };
    await cache.get("a", load);
    later(10_001);
    // The refetch is held: the reader still gets the old answer without waiting for it.
    expect((await cache.get("a", load)).value).toEqual({ n: 1 });
    expect(calls).toBe(2);
    refetch.release();
    await sleep(5);
    expect((await cache.get("a", load)).value).toEqual({ n: 2 });
  });

  it("readers of a cached entry do not wait for someone's refresh", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let calls = 0;
    const refresh = gate();
    const load = async () => {
      calls++;
      if (calls > 1) await refresh.opened;
      return { n: calls };
    };
    await cache.get("a", load);
    const refreshing = cache.get("a", load, { fresh: true });
    expect((await cache.get("a", load)).value).toEqual({ n: 1 });
    refresh.release();
    expect((await refreshing).value).toEqual({ n: 2 });
  });

  it("aborts a shared load only when every caller has hung up", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let abortedUpstream = false;
    const load = () =>
      new Promise<{ n: number }>((_resolve, reject) => {
        // The upstream transport sees the cache's signal through the scope it runs in.
        const signal = currentUpstreamScope().signal;
        signal?.addEventListener("abort", () => {
          abortedUpstream = true;
          reject(signal.reason);
        });
      });
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.get("a", load, { signal: first.signal });
    const b = cache.get("a", load, { signal: second.signal });
    first.abort();
    await expect(a).rejects.toBeDefined();
    expect(abortedUpstream).toBe(false);
    second.abort();
    await expect(b).rejects.toBeDefined();
    expect(abortedUpstream).toBe(true);
    await sleep(0);
    expect(cache.inFlight).toBe(0);
  });

  it("is bounded in entries, evicting the least recently used", async () => {
    const cache = new LookupCache<{ k: string }>(options);
    for (const k of ["a", "b", "c", "d"]) await cache.get(k, async () => ({ k }));
    expect(cache.size).toBe(3);
    expect(cache.peek("a")).toBeUndefined();
    expect(cache.peek("d")).toEqual({ k: "d" });
  });

  it("is bounded in bytes", async () => {
    const cache = new LookupCache<{ s: string }>({
      ...options,
      maxEntries: 1000,
      maxBytes: 10_000,
    });
    for (let i = 0; i < 100; i++) await cache.get(`k${i}`, async () => ({ s: "x".repeat(1000) }));
    expect(cache.calculatedBytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeLessThan(100);
  });

  it("refetches once an answer is past twice its time to live", async () => {
    const cache = new LookupCache<{ n: number }>({ ...options, ttlMs: 10_000 });
    let calls = 0;
    const load = async () => ({ n: ++calls });
    await cache.get("a", load);
    later(20_001);
    expect((await cache.get("a", load)).value).toEqual({ n: 2 });
  });
});
