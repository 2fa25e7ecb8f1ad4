import { setTimeout as sleep } from "node:timers/promises";
import { rawRequest } from "../server/src/reliability/raw-http";
import type { RunningSimulator } from "../server/src/simulator";
import type { BenchOptions } from "./bench-options";
import { caseUrl, failedRow, LATENCY, LIMIT_LABEL, limitMs } from "./expansion-bench";
import { type Row, row } from "./report";
import { shownEntities } from "./support/graph-lookups";
import { CLIENT_DIST } from "./support/paths";
import { DEEP, type GraphSize, generate, MEDIUM } from "./support/scenarios";
import { startProcessStack, UPSTREAM_LINKS_PATH } from "./support/stack";
import { median } from "./support/stats";

/** A read ahead that has not finished by then has stalled: the run fails rather than hangs. */
const GIVE_UP_MS = 30_000;

/**
 * Upstream calls the graph needs: the links of every shown entity, and the label of every case
 * and incident (pages and agent conversations have no read endpoint).
 */
// The root's own label is read too: its HTML asks for it (for the page's title), not the read
// ahead, so a server that stopped doing that would leave this figure waiting for a call.
function callsOf(size: GraphSize) {
  const { scenario, rootId } = generate(size);
  const shown = shownEntities(scenario, rootId, size.depth);
  const labelled = shown.filter((e) => e.type === "CASE" || e.type === "INCIDENT");
  const calls = new Set([
    ...shown.map((e) => callKey("links", e.id)),
    ...labelled.map((e) => callKey("label", e.id)),
  ]);
  return { rootId, scenario, calls };
}

const callKey = (what: "links" | "label", id: string) => `${what} ${id}`;

/** The calls the simulator has answered, by what they read (links or label) and of which entity. */
function answeredCalls(sim: RunningSimulator): Set<string> {
  const answered = new Set<string>();
  for (const request of sim.requests()) {
    // An answer the page can use: a refusal (429) or a failure (5xx) is retried, or is not one.
    const usable = (request.status >= 200 && request.status < 300) || request.status === 404;
    if (!usable || !request.entityId) continue;
    answered.add(
      callKey(request.path === UPSTREAM_LINKS_PATH ? "links" : "label", request.entityId),
    );
  }
  return answered;
}

/**
 * Waits until the simulator has answered every one of `calls` and has nothing in flight. Each
 * call is looked for by what it reads, so a call made twice (a retry) neither ends the wait
 * early nor counts for one not made.
 */
async function untilAnswered(sim: RunningSimulator, calls: ReadonlySet<string>): Promise<number> {
  const until = performance.now() + GIVE_UP_MS;
  const missing = () => {
    const answered = answeredCalls(sim);
    return [...calls].filter((call) => !answered.has(call)).length;
  };
  while (performance.now() < until) {
    // The log is only read in full once it is long enough to hold every call.
    if (sim.requests().length >= calls.size && sim.stats().inFlight.all === 0 && missing() === 0)
      return performance.now();
    await sleep(1);
  }
  throw new Error(
    `${missing()} of ${calls.size} upstream calls not answered within ${GIVE_UP_MS} ms`,
  );
}

/** One BFF process's read ahead of `size`, from the HTML request to the last upstream answer. */
async function timeOnce(
  size: GraphSize,
  rootId: string,
  scenario: ReturnType<typeof generate>["scenario"],
  calls: ReadonlySet<string>,
): Promise<{ ms: number; made: number }> {
  const stack = await startProcessStack({ scenario, knobs: LATENCY, clientDir: CLIENT_DIST });
  try {
    const url = new URL(caseUrl(stack.url, rootId, size.depth));
    const started = performance.now();
    const page = await Promise.race([
      rawRequest(stack.url, {
        path: `${url.pathname}${url.search}`,
        headers: { "Sec-Fetch-Dest": "document" },
      }),
      sleep(GIVE_UP_MS, undefined, { ref: false }).then(() => {
        throw new Error(`the case page did not answer within ${GIVE_UP_MS} ms`);
      }),
    ]);
    if (page.status !== 200) throw new Error(`the case page answered ${page.status}`);
    const ms = (await untilAnswered(stack.sim, calls)) - started;
    return { ms, made: stack.sim.requests().length };
  } finally {
    await stack.close();
  }
}

/**
 * The server's part of a first view alone, with no browser on the machine: a case page's HTML,
 * asked for as a browser's navigation asks (`Sec-Fetch-Dest: document`), has the BFF read the
 * graph to the URL's depth; timed from that request to the simulator's last answer. The
 * expansion figures share two cores between this and a browser booting and drawing; this one
 * says what the read ahead costs with the machine to itself, against the same limit.
 */
export async function readAheadBench(options: BenchOptions): Promise<Row[]> {
  const rounds = options.quick ? 1 : 3;
  const rows: Row[] = [];
  for (const size of [DEEP, MEDIUM]) {
    const { scenario, rootId, calls } = callsOf(size);
    const times: number[] = [];
    let made = 0;
    try {
      for (let round = 0; round < rounds; round += 1) {
        const run = await timeOnce(size, rootId, scenario, calls);
        times.push(run.ms);
        made = Math.max(made, run.made);
      }
    } catch (error) {
      // One size that does not finish should not hide the other's, nor the expansion rows.
      rows.push(failedRow(`Read ahead ${size.name}, no browser`, error));
      continue;
    }
    rows.push(
      row({
        section: "expansion",
        figure: `Read ahead ${size.name}, no browser (HTML → last upstream answer)`,
        value: median(times),
        unit: "ms",
        reference: { kind: "limit", value: limitMs(size.depth), label: LIMIT_LABEL },
        note:
          `median of ${times.length}: ${times.map((t) => Math.round(t)).join(", ")} ms; ` +
          `${calls.size} upstream calls (links of each entity, label of each case and incident)` +
          (made > calls.size ? `, ${made - calls.size} more made (retries or repeats)` : ""),
      }),
    );
  }
  return rows;
}
