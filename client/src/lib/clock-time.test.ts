import { describe, expect, it, vi } from "vitest";
import { clockTime, clockTimeWithSeconds, shortDate } from "./clock-time";
import type { SpareTimeScheduler } from "./spare-time";

const AT = Date.UTC(2026, 11, 4, 20, 12, 45);

describe("clock times", () => {
  it("write a moment as toLocaleTimeString and toLocaleDateString do for the same fields", () => {
    const at = new Date(AT);
    expect(clockTime(AT)).toBe(at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    expect(clockTimeWithSeconds(AT)).toBe(
      at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    );
    expect(shortDate(at.toISOString())).toBe(
      at.toLocaleDateString([], { day: "numeric", month: "short" }),
    );
  });

  it("makes its formatters once, in the spare-time task it asks for", async () => {
    vi.resetModules();
    const fresh = await import("./clock-time");
    const made = vi.spyOn(Intl, "DateTimeFormat");
    const requested: (() => void)[] = [];
    const spare: SpareTimeScheduler = { request: (task) => requested.push(task), cancel() {} };
    fresh.warmClockFormats(spare);
    expect(made, "nothing made before the spare time comes").not.toHaveBeenCalled();
    expect(requested).toHaveLength(1);
    requested[0]?.();
    expect(made).toHaveBeenCalledTimes(3);
    fresh.clockTime(AT);
    fresh.clockTimeWithSeconds(AT);
    fresh.shortDate(AT);
    expect(made, "the same formatters, reused").toHaveBeenCalledTimes(3);
    fresh.warmClockFormats(spare);
    expect(requested, "already made: nothing more asked").toHaveLength(1);
    made.mockRestore();
  });
});
