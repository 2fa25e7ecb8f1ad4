import { describe, expect, it } from "vitest";
import { applyKnobsUpdate, defaultKnobs, parseKnobsUpdate } from "./knobs";

describe("parseKnobsUpdate", () => {
  it("accepts any subset of valid knobs", () => {
    expect(parseKnobsUpdate({ jitterMs: 20, hangRate: 0.1, faults: { "PAY-1": "reset" } })).toEqual(
      {
        ok: true,
        update: { jitterMs: 20, hangRate: 0.1, faults: { "PAY-1": "reset" } },
      },
    );
  });

  it("lists every problem in one sentence", () => {
    const result = parseKnobsUpdate({ errorRate: -1, unknownEntityLinks: "maybe" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Invalid knobs: /);
    expect(result.message).toContain("errorRate");
    expect(result.message).toContain("unknownEntityLinks");
  });

  it("refuses something that is not an object", () => {
    expect(parseKnobsUpdate([1, 2]).ok).toBe(false);
    expect(parseKnobsUpdate(null).ok).toBe(false);
  });
});

describe("applyKnobsUpdate", () => {
  it("replaces the knobs given and keeps the rest", () => {
    const start = { ...defaultKnobs(), latencyMs: 40, faults: { a: "error" as const } };
    const next = applyKnobsUpdate(start, { errorRate: 0.5, faults: { b: "hang" } });
    expect(next).toMatchObject({ latencyMs: 40, errorRate: 0.5, faults: { b: "hang" } });
  });

  it("removes the rate limit on null and does not touch the knobs it started from", () => {
    const limited = applyKnobsUpdate(defaultKnobs(), { rateLimit: { limit: 3, periodSec: 1 } });
    const lifted = applyKnobsUpdate(limited, { rateLimit: null });
    expect(lifted).not.toHaveProperty("rateLimit");
    expect(limited.rateLimit).toEqual({ limit: 3, periodSec: 1 });
  });
});
