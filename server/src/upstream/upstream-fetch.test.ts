import { describe, expect, it } from "vitest";
import { UpstreamFailure } from "./upstream-failure";
import { createUpstreamFetch } from "./upstream-fetch";

const ok = () =>
  new Response('{"data":[]}', { status: 200, headers: { "content-type": "application/json" } });
const limited = (resetSec: number) =>
  new Response('{"errors":["Too many requests"]}', {
    status: 429,
    headers: { "x-ratelimit-reset": String(resetSec), "x-ratelimit-limit": "10" },
  });

const base = {
  concurrency: 4,
  timeoutMs: 1_000,
  startWithinMs: 1_000,
  queueMaxPerClient: 100,
  rateLimitWaitMaxMs: 1_000,
};

describe("createUpstreamFetch", () => {
  it("waits out a short rate limit and then answers", async () => {
    const answers = [limited(0), ok()];
    const waits: number[] = [];
    const transport = createUpstreamFetch({
      ...base,
      fetch: async () => answers.shift() ?? ok(),
      onRateLimitWait: (ms) => waits.push(ms),
    });
    const response = await transport.fetch("http://upstream/api");
    expect(response.status).toBe(200);
    expect(waits).toEqual([0]);
  });

  it("gives up on a long rate limit with the reset as retry-after", async () => {
    const transport = createUpstreamFetch({ ...base, fetch: async () => limited(120) });
    const failure = await transport.fetch("http://upstream/api").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamFailure);
    expect(failure).toMatchObject({ kind: "rate_limited", retryAfterSec: 120 });
  });

  it("bounds the waits for a rate limit that never lifts", async () => {
    let calls = 0;
    const transport = createUpstreamFetch({
      ...base,
      maxRateLimitWaits: 2,
      fetch: async () => {
        calls++;
        return limited(0);
      },
    });
    await expect(transport.fetch("http://upstream/api")).rejects.toMatchObject({
      kind: "rate_limited",
    });
    expect(calls).toBe(3);
  });

  it("ends a call that hangs with a timeout failure", async () => {
    const transport = createUpstreamFetch({
      ...base,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    });
    await expect(transport.fetch("http://upstream/api")).rejects.toMatchObject({ kind: "timeout" });
  });

  it("ends a body that stalls midway with a timeout failure", async () => {
    const transport = createUpstreamFetch({
      ...base,
      timeoutMs: 50,
      fetch: async (_input, init) => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":['));
            init?.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
          },
        });
        return new Response(body, { status: 200 });
      },
    });
    await expect(transport.fetch("http://upstream/api")).rejects.toMatchObject({ kind: "timeout" });
  });

  it("reports an unreachable upstream as a network failure", async () => {
    const transport = createUpstreamFetch({
      ...base,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    await expect(transport.fetch("http://upstream/api")).rejects.toMatchObject({ kind: "network" });
  });

  it("never has more calls in flight than its concurrency", async () => {
    let inFlight = 0;
    let most = 0;
    const transport = createUpstreamFetch({
      ...base,
      concurrency: 3,
      fetch: async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return ok();
      },
    });
    await Promise.all(Array.from({ length: 20 }, () => transport.fetch("http://upstream/api")));
    expect(most).toBe(3);
  });

  it("does not call while the shared budget is spent for longer than it may wait", async () => {
    let calls = 0;
    const transport = createUpstreamFetch({
      ...base,
      sharedPause: { pausedForMs: () => 30_000, observe: () => {} },
      fetch: async () => {
        calls++;
        return ok();
      },
    });
    await expect(transport.fetch("http://upstream/api")).rejects.toMatchObject({
      kind: "rate_limited",
      retryAfterSec: 30,
    });
    expect(calls).toBe(0);
  });

  it("waits out a short shared pause, then calls, and tells the budget what it saw", async () => {
    // Paused for 100 ms until an answer is seen: not a deadline on the clock, which a slow
    // machine could pass before the call looks.
    let paused = true;
    const seen: number[] = [];
    const waits: number[] = [];
    const transport = createUpstreamFetch({
      ...base,
      sharedPause: {
        pausedForMs: () => (paused ? 100 : 0),
        observe: (status) => {
          seen.push(status);
          paused = false;
        },
      },
      onRateLimitWait: (ms) => waits.push(ms),
      fetch: async () => ok(),
    });
    expect((await transport.fetch("http://upstream/api")).status).toBe(200);
    expect(waits).toEqual([100]);
    expect(seen).toEqual([200]);
  });
});
