import { afterEach, describe, expect, it, vi } from "vitest";
import { browserSpareTime } from "./spare-time";

describe("browserSpareTime", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is none in a page with neither background tasks nor idle callbacks (jsdom)", () => {
    expect(browserSpareTime()).toBeNull();
  });

  it("posts background-priority tasks, and cancelling aborts the one posted without an error", async () => {
    const posted: { callback: () => void; priority: string; signal: AbortSignal }[] = [];
    vi.stubGlobal("scheduler", {
      postTask(callback: () => void, options: { priority: string; signal: AbortSignal }) {
        posted.push({ callback, ...options });
        return new Promise<void>((resolve, reject) => {
          options.signal.addEventListener("abort", () =>
            reject(new DOMException("The task was aborted.", "AbortError")),
          );
          queueMicrotask(() => {
            if (!options.signal.aborted) {
              callback();
              resolve();
            }
          });
        });
      },
    });
    const spare = browserSpareTime();
    expect(spare).not.toBeNull();
    const ran = vi.fn();
    spare?.request(ran);
    expect(posted[0]?.priority).toBe("background");
    await Promise.resolve();
    expect(ran).toHaveBeenCalledTimes(1);

    const dropped = vi.fn();
    spare?.request(dropped);
    spare?.cancel();
    expect(posted[1]?.signal.aborted).toBe(true);
    // The rejected task is handled: an unhandled rejection would fail this test run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dropped).not.toHaveBeenCalled();
  });

  it("falls back to idle callbacks, and cancelling cancels the one asked", () => {
    const asked: (() => void)[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal("requestIdleCallback", (callback: () => void) => asked.push(callback));
    vi.stubGlobal("cancelIdleCallback", (handle: number) => cancelled.push(handle));
    const spare = browserSpareTime();
    const ran = vi.fn();
    spare?.request(ran);
    asked[0]?.();
    expect(ran).toHaveBeenCalledTimes(1);
    spare?.request(() => {});
    spare?.cancel();
    expect(cancelled).toEqual([2]);
  });
});
