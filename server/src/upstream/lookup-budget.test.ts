import { describe, expect, it } from "vitest";
import { createMemoryLookupBudget } from "./lookup-budget";

describe("createMemoryLookupBudget", () => {
  it("allows the per-minute figure at once, then refills continuously, per client", () => {
    let now = 0;
    const budget = createMemoryLookupBudget(10, () => now);
    for (let i = 0; i < 10; i++) expect(budget.take("a")).toEqual({ ok: true });
    expect(budget.take("a")).toEqual({ ok: false, retryAfterSec: 6 });
    expect(budget.take("b")).toEqual({ ok: true });
    now += 6_000;
    expect(budget.take("a")).toEqual({ ok: true });
    expect(budget.take("a").ok).toBe(false);
  });
});
