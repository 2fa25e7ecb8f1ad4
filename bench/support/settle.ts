import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

/** The mark the client records when a graph has finished loading (expansion-store.ts). */
const SETTLED_MARK = "casegraph:settled";
/** The mark of the final layout of the settled data drawn, where the client records it. */
const PAINTED_MARK = "casegraph:painted";

export interface Settled {
  /** From navigation start (the page's time origin) to the first settled mark. */
  ms: number;
  /** To the first painted mark after it, or `ms` where the client records none. */
  paintedMs: number;
  /** Whether `paintedMs` is a painted mark (false: the client has none, it is the settled time). */
  painted: boolean;
  /** The page's first contentful paint. */
  fcpMs: number;
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

/**
 * Opens `url` and waits for the graph to settle (and to be painted, when `painted` says the
 * client records that mark); throws on timeout.
 */
export async function openAndSettle(
  page: Page,
  url: string,
  timeoutMs: number,
  painted = false,
): Promise<Settled> {
  await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
  try {
    await page.waitForFunction(
      (name) => performance.getEntriesByName(name, "mark").length > 0,
      painted ? PAINTED_MARK : SETTLED_MARK,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : error}; ${await whereItStood(page)}`,
    );
  }
  const mark = await page.evaluate(
    ([name, paintedName]) => {
      const entry = performance.getEntriesByName(name, "mark")[0] as PerformanceMark | undefined;
      const paintedAt = performance
        .getEntriesByName(paintedName, "mark")
        .find((m) => m.startTime >= (entry?.startTime ?? 0))?.startTime;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
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
        paintedMs: paintedAt ?? settledAt,
        painted: paintedAt !== undefined,
        fcpMs: fcp ?? Number.NaN,
        entities: detail.entities ?? Number.NaN,
        links: detail.links ?? Number.NaN,
        timing: {
          documentFirstByteMs: navigation?.responseStart ?? Number.NaN,
          batchRequests: batches.length,
          batchQueuedMedianMs: batches[Math.floor(batches.length / 2)] ?? 0,
          batchQueuedMaxMs: batches[batches.length - 1] ?? 0,
        },
      };
    },
    [SETTLED_MARK, PAINTED_MARK] as const,
  );
  return mark;
}

/**
 * What a page that did not finish shows: its status bar (entities, links, lookups still
 * loading, failures) and which marks it recorded, so a timeout says what was outstanding.
 */
async function whereItStood(page: Page): Promise<string> {
  try {
    const seen = await page.evaluate(
      ([settledName, paintedName]) => ({
        status: document.querySelector(".status-bar")?.textContent ?? "no status bar",
        settled: performance.getEntriesByName(settledName, "mark").length,
        painted: performance.getEntriesByName(paintedName, "mark").length,
      }),
      [SETTLED_MARK, PAINTED_MARK] as const,
    );
    return `page showed "${seen.status}", ${seen.settled} settled and ${seen.painted} painted marks`;
  } catch (error) {
    return `page unreadable (${error instanceof Error ? error.message : error})`;
  }
}

/** Whether the built client records the painted mark (older builds only mark settled). */
export function clientRecordsPainted(clientDist: string): boolean {
  const assets = join(clientDist, "assets");
  return readdirSync(assets)
    .filter((f) => f.endsWith(".js"))
    .some((f) => readFileSync(join(assets, f), "utf8").includes(PAINTED_MARK));
}
