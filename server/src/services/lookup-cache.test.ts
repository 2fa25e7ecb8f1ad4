import { describe, expect, it } from "vitest";
import { LookupCache } from "./lookup-cache";

const options = { ttlMs: 60_000, maxEntries: 3, maxBytes: 1_000_000 };

describe("LookupCache", () => {
  it("answers a second lookup from the cache", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let calls = 0;
    const load = async () => ({ n: ++calls });
    expect(await cache.get("a", load)).toEqual({ n: 1 });
    expect(await cache.get("a", load)).toEqual({ n: 1 });
    expect(calls).toBe(1);
  });

  it("coalesces simultaneous lookups of one key into one load", async () => {
    const cache = new LookupCache<{ n: number }>(options);
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const load = async () => {
      calls++;
      await gate;
      return { n: calls };
    };
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get("a", load)));
    release();
    const results = await all;
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.n))).toEqual(new Set([1]));
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
    expect(await cache.get("a", load)).toEqual({ n: 2 });
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

  it("forgets entries after their time to live", async () => {
    const cache = new LookupCache<{ n: number }>({ ...options, ttlMs: 20 });
    let calls = 0;
    const load = async () => ({ n: ++calls });
    await cache.get("a", load);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await cache.get("a", load)).toEqual({ n: 2 });
  });
});
