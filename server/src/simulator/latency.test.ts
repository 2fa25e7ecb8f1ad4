import { describe, expect, it } from "vitest";
import { delayFor } from "./latency";

describe("delayFor", () => {
  it("is the fixed latency when there is no jitter", () => {
    expect(delayFor({ latencyMs: 120, jitterMs: 0 }, () => 0.9)).toBe(120);
  });

  it("spreads jitter evenly on both sides of the latency", () => {
    expect(delayFor({ latencyMs: 100, jitterMs: 30 }, () => 0)).toBe(70);
    expect(delayFor({ latencyMs: 100, jitterMs: 30 }, () => 0.5)).toBe(100);
    expect(delayFor({ latencyMs: 100, jitterMs: 30 }, () => 0.999_999)).toBe(130);
  });

  it("never goes below zero", () => {
    expect(delayFor({ latencyMs: 5, jitterMs: 50 }, () => 0)).toBe(0);
  });
});
