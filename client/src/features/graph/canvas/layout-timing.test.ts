import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FIRST_PICTURE_PATIENCE_MS, LayoutTiming } from "./layout-timing";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("LayoutTiming", () => {
  it("runs after asks pause, once however many came", () => {
    const timing = new LayoutTiming();
    const run = vi.fn();
    for (let i = 0; i < 5; i += 1) {
      timing.afterQuiet(run);
      vi.advanceTimersByTime(50);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("runs within a second while asks never pause", () => {
    const timing = new LayoutTiming();
    const run = vi.fn();
    let waited = 0;
    while (run.mock.calls.length === 0 && waited < 5_000) {
      timing.afterQuiet(run);
      vi.advanceTimersByTime(100);
      waited += 100;
    }
    expect(waited).toBeLessThanOrEqual(1_000);
  });

  it("is patient from the first ask on, and wakes once when patience ends", () => {
    const timing = new LayoutTiming();
    const wake = vi.fn();
    timing.requested();
    vi.advanceTimersByTime(1_000);
    timing.requested();
    timing.untilPatienceEnds(wake);
    timing.untilPatienceEnds(wake);
    expect(timing.patient).toBe(true);
    vi.advanceTimersByTime(FIRST_PICTURE_PATIENCE_MS - 1_000);
    expect(timing.patient).toBe(false);
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it("forgets a wait it is told to cancel", () => {
    const timing = new LayoutTiming();
    const wake = vi.fn();
    timing.requested();
    timing.untilPatienceEnds(wake);
    timing.cancel();
    vi.advanceTimersByTime(FIRST_PICTURE_PATIENCE_MS * 2);
    expect(wake).not.toHaveBeenCalled();
  });
});
