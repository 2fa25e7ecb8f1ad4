import type { DrawResult } from "./page-api";

/** Long main-thread tasks, recorded from now on (the browser reports tasks over 50 ms). */
export function watchLongTasks(): () => PerformanceEntry[] {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ type: "longtask", buffered: false });
  return () => {
    seen.push(...observer.takeRecords());
    observer.disconnect();
    return seen;
  };
}

/** Resolves after the next frame has been painted: rAF runs before paint, so wait two. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );
}

export function summarise(
  started: number,
  finished: number,
  tasks: PerformanceEntry[],
  nodes: number,
): DrawResult {
  const during = tasks.filter(
    (t) => t.startTime + t.duration >= started && t.startTime <= finished,
  );
  return {
    ms: finished - started,
    longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
    longTasks: during.length,
    nodes,
  };
}
