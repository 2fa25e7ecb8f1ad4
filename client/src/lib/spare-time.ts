/**
 * Work the page does when it has nothing more urgent to do: compiling code or loading data the
 * first picture will need, before it needs them.
 */

/** Runs callbacks when the page has nothing more urgent to do; `cancel` drops the one asked. */
export interface SpareTimeScheduler {
  request(callback: () => void): void;
  cancel(): void;
}

interface TaskScheduler {
  postTask(
    callback: () => void,
    options: { priority: "background"; signal: AbortSignal },
  ): Promise<void>;
}

/**
 * Background-priority tasks where the browser has them (Chromium): they run whenever nothing
 * more urgent waits, input and frames included. Idle callbacks run only in the idle period
 * after a frame, which a page receiving its data rarely has: practice paced by them finished
 * after the data had settled. Neither, as in jsdom: no practice.
 */
export function browserSpareTime(): SpareTimeScheduler | null {
  if (typeof document === "undefined") return null;
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === "function") {
    const tasks = scheduler as TaskScheduler;
    let pending: AbortController | null = null;
    return {
      request(callback) {
        pending = new AbortController();
        tasks
          .postTask(callback, { priority: "background", signal: pending.signal })
          .catch((error: unknown) => {
            // Cancelled is expected; anything the task threw is reported as the page's error.
            if (!(error instanceof DOMException && error.name === "AbortError")) throw error;
          });
      },
      cancel: () => pending?.abort(),
    };
  }
  if (typeof requestIdleCallback === "function") {
    let handle: number | undefined;
    return {
      request(callback) {
        handle = requestIdleCallback(() => callback());
      },
      cancel: () => {
        if (handle !== undefined) cancelIdleCallback(handle);
      },
    };
  }
  return null;
}
