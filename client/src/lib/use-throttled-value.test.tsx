import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useThrottledValue } from "./use-throttled-value";

describe("useThrottledValue", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes a burst of values on at most once per interval and ends on the latest", () => {
    const { result, rerender } = renderHook(({ value }) => useThrottledValue(value, 300), {
      initialProps: { value: 1 },
    });
    expect(result.current).toBe(1);
    rerender({ value: 2 });
    expect(result.current).toBe(2);
    rerender({ value: 3 });
    rerender({ value: 4 });
    expect(result.current).toBe(2);
    act(() => {
      vi.advanceTimersByTime(300);
    });
    expect(result.current).toBe(4);
  });

  it("passes every value on at once when the interval is 0", () => {
    const { result, rerender } = renderHook(({ value }) => useThrottledValue(value, 0), {
      initialProps: { value: "a" },
    });
    rerender({ value: "b" });
    expect(result.current).toBe("b");
    rerender({ value: "c" });
    expect(result.current).toBe("c");
  });
});
