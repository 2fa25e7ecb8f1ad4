import type { BenchOptions } from "./bench-options";
import { caseUrl, LATENCY, LIMIT_LABEL, limitMs } from "./expansion-bench";
import { type Row, row } from "./report";
import { launchBrowser } from "./support/browser";
import { CLIENT_DIST } from "./support/paths";
import { generate, SMALL } from "./support/scenarios";
import { openAndSettle } from "./support/settle";
import { startStack, upstreamLinkCalls } from "./support/stack";
import { median } from "./support/stats";

const VIEWERS = 20;

/**
 * An incident link posted in a channel: 20 people open the same root at once on a cold BFF.
 * The cache and the coalescing of in-flight lookups should make them cost what one costs.
 */
export async function viewersBench(_options: BenchOptions): Promise<Row[]> {
  // 20 pages laying out 1,000 nodes each take minutes on two cores and measure the CPU, not
  // the BFF; the 250-entity graph already makes 20 viewers race for every lookup.
  const size = SMALL;
  const { scenario, rootId } = generate(size);
  // All 20 viewers share one loopback address; each of their socket messages counts like a
  // request against the per-client limit, which is meant for one person.
  const stack = await startStack({
    scenario,
    knobs: LATENCY,
    clientDir: CLIENT_DIST,
    env: { CASEGRAPH_CLIENT_RATE_LIMIT: "1000000" },
  });
  const browser = await launchBrowser();
  try {
    const contexts = await Promise.all(
      Array.from({ length: VIEWERS }, () =>
        browser.newContext({ viewport: { width: 1280, height: 800 } }),
      ),
    );
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    const url = caseUrl(stack.url, rootId, size.depth);
    const settled = await Promise.all(pages.map((page) => openAndSettle(page, url, 180_000)));
    const calls = upstreamLinkCalls(stack.sim);
    // Entities any viewer had looked up upstream: more than one viewer shows when caps differ.
    const called = new Set(
      stack.sim
        .requests()
        .filter((r) => r.path === "/api/v2/cases/link")
        .map((r) => r.entityId),
    ).size;
    const shown = Math.max(...settled.map((s) => s.entities));
    const times = settled.map((s) => s.ms);
    return [
      row({
        section: "upstream",
        figure: `Link calls per shown entity, ${VIEWERS} viewers, ${size.name}`,
        value: calls / shown,
        unit: "",
        reference: { kind: "limit", value: 1, label: "one call each" },
        target: { op: "<=", ratio: 1.05 },
        note:
          `${calls} upstream link calls for ${shown} shown entities (${called} distinct ` +
          `entities called); viewers saw ${[...new Set(settled.map((s) => s.entities))].join("/")} entities`,
      }),
      row({
        section: "upstream",
        figure: `Expand ${size.name}, ${VIEWERS} viewers at once (median)`,
        value: median(times),
        unit: "ms",
        reference: { kind: "limit", value: limitMs(size.depth), label: LIMIT_LABEL },
        note: `slowest viewer ${Math.round(Math.max(...times))} ms; 20 pages share 2 CPU cores`,
      }),
    ];
  } finally {
    await browser.close();
    await stack.close();
  }
}
