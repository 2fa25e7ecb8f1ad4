import type { Page } from "playwright-core";

/** The mark the client records when a graph has finished loading (expansion-store.ts). */
const SETTLED_MARK = "casegraph:settled";

export interface Settled {
  /** From navigation start (the page's time origin) to the first settled mark. */
  ms: number;
  entities: number;
  links: number;
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
    return {
      ms: entry?.startTime ?? Number.NaN,
      entities: detail.entities ?? Number.NaN,
      links: detail.links ?? Number.NaN,
    };
  }, SETTLED_MARK);
  return mark;
}
