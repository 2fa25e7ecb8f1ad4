import { describe, expect, it } from "vitest";
import { RateLimitWindows, rateLimitHeaders } from "./rate-limit-windows";

describe("RateLimitWindows", () => {
  it("lets `limit` requests through per window and counts the reset down", () => {
    let now = 1_000_000;
    const windows = new RateLimitWindows(() => now);
    const knob = { limit: 2, periodSec: 10 };

    expect(windows.take("links", knob)).toMatchObject({
      exceeded: false,
      remaining: 1,
      resetSec: 10,
    });
    now += 4_000;
    expect(windows.take("links", knob)).toMatchObject({
      exceeded: false,
      remaining: 0,
      resetSec: 6,
    });
    expect(windows.take("links", knob)).toMatchObject({
      exceeded: true,
      remaining: 0,
      resetSec: 6,
    });
    now += 6_000;
    expect(windows.take("links", knob)).toMatchObject({
      exceeded: false,
      remaining: 1,
      resetSec: 10,
    });
  });

  it("counts each rate-limit name on its own", () => {
    const windows = new RateLimitWindows(() => 0);
    const knob = { limit: 1, periodSec: 60 };
    windows.take("links", knob);
    expect(windows.take("cases", knob).exceeded).toBe(false);
  });

  it("never refuses when there is no limit", () => {
    const windows = new RateLimitWindows(() => 0);
    for (let n = 0; n < 1_000; n += 1) windows.take("links", undefined);
    expect(windows.take("links", undefined).exceeded).toBe(false);
  });
});

describe("rateLimitHeaders", () => {
  it("names all five headers Datadog sends", () => {
    const headers = rateLimitHeaders({
      name: "links",
      limit: 5,
      periodSec: 60,
      remaining: 2,
      resetSec: 9,
      exceeded: false,
    });
    expect(headers).toEqual({
      "X-RateLimit-Limit": "5",
      "X-RateLimit-Period": "60",
      "X-RateLimit-Remaining": "2",
      "X-RateLimit-Reset": "9",
      "X-RateLimit-Name": "links",
    });
  });
});
