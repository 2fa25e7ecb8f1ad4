import { describe, expect, it } from "vitest";
import { createOrgQuota } from "./org-quota";

const headers = (limit: number, remaining: number, resetSec: number) =>
  new Headers({
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": String(resetSec),
  });

describe("createOrgQuota", () => {
  it("stops one client at its share of the org's window; others go on", async () => {
    let now = 0;
    const quota = createOrgQuota({ clientShare: 0.5, now: () => now });
    for (let i = 0; i < 50; i++) {
      expect(await quota.check("cases_link_read", "flooder")).toBeUndefined();
      quota.observe("cases_link_read", "flooder", headers(100, 99 - i, 30));
    }
    expect(await quota.check("cases_link_read", "flooder")).toEqual({ refuseSec: 30 });
    expect(await quota.check("cases_link_read", "person")).toBeUndefined();
    expect(await quota.check("cases_read", "flooder")).toBeUndefined();
    now += 30_000;
    expect(await quota.check("cases_link_read", "flooder")).toBeUndefined();
  });

  it("waits for the reset when the window is all but spent, rather than spend a call on a 429", async () => {
    let now = 0;
    const quota = createOrgQuota({ clientShare: 1, now: () => now });
    quota.observe("cases_read", "a", headers(100, 1, 4));
    expect(await quota.check("cases_read", "b")).toEqual({ waitMs: 4_000 });
    now += 4_000;
    expect(await quota.check("cases_read", "b")).toBeUndefined();
  });
});
