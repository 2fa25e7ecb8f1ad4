import type { Page } from "playwright-core";

/** The mark the client records when a graph has finished loading (expansion-store.ts). */
const SETTLED_MARK = "casegraph:settled";

export interface Settled {
  /** From navigation start (the page's time origin) to the first settled mark. */
  ms: number;
  entities: number;
  links: number;
  /** Where the time went, from Resource Timing: the page's own first byte and the batch POSTs. */
  timing: {
    documentFirstByteMs: number;
    batchRequests: number;
    /** Median time a batch POST waited for a connection before it was sent. */
    batchQueuedMedianMs: number;
    batchQueuedMaxMs: number;
  };
}

interface MarkDetail {
  entities?: number;
  links?: number;
}

/** Opens `url` and waits for the graph to settle; throws on timeout. */
export async function openAndSettle(page: Page, url: string, timeoutMs: number): Promise<Settled> {
  await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
  await page.waitForFunction(
    (name) => performance.getEntriesByName(name, "mark").length > 0,
    SETTLED_MARK,
    { timeout: timeoutMs, polling: 50 },
  );
  const mark = await page.evaluate((name) => {
    const entry = performance.getEntriesByName(name, "mark")[0] as PerformanceMark | undefined;
    const detail = (entry?.detail ?? {}) as MarkDetail;
    const settledAt = entry?.startTime ?? Number.NaN;
    const navigation = performance.getEntriesByType("navigation")[0] as
      | PerformanceNavigationTiming
      | undefined;
    const batches = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((r) => r.name.endsWith("/api/batch") && r.startTime <= settledAt)
      // requestStart is 0 when the browser withholds details; fetchStart is then the best bound.
      .map((r) => Math.max(0, (r.requestStart || r.fetchStart) - r.fetchStart))
      .sort((a, b) => a - b);
    return {
      ms: settledAt,
      entities: detail.entities ?? Number.NaN,
      links: detail.links ?? Number.NaN,
      timing: {
        documentFirstByteMs: navigation?.responseStart ?? Number.NaN,
        batchRequests: batches.length,
        batchQueuedMedianMs: batches[Math.floor(batches.length / 2)] ?? 0,
        batchQueuedMaxMs: batches[batches.length - 1] ?? 0,
      },
    };
  }, SETTLED_MARK);
  return mark;
}
