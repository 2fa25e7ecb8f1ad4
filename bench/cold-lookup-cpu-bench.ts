import { LOOKUPS_PATH } from "../server/src/contract";
import type { BenchOptions } from "./bench-options";
import { LIMIT_LABEL, limitMs } from "./expansion-bench";
import { type Row, row } from "./report";
import { bareClientCpuPerLookup } from "./support/bare-upstream";
import { LOAD_TEST_ENV, startBffProcess } from "./support/child-server";
import { lookUpAll, shownEntities } from "./support/graph-lookups";
import { generate, MEDIUM } from "./support/scenarios";
import { startBenchSimulator } from "./support/stack";
import { median } from "./support/stats";

/**
 * What a cold graph costs in CPU on this machine: the BFF (its own process) and the simulator
 * answering every lookup of the 1000/8 graph with no latency, so the figures are CPU, not
 * waiting. Two cores are shared by the browser, the BFF and the simulator in the expansion
 * figures; when these lookups alone take longer than the time the settled target allows, no
 * transport can meet it here.
 */
export async function coldLookupCpuBench(options: BenchOptions): Promise<Row[]> {
  const rounds = options.quick ? 1 : 3;
  const bffPerLookup: number[] = [];
  const simPerLookup: number[] = [];
  const barePerLookup: number[] = [];
  const bareTotals: number[] = [];
  const totals: number[] = [];
  let lookups = 0;
  let errors = 0;
  for (let round = 0; round < rounds; round += 1) {
    // A graph of its own each round: every lookup reaches the upstream once.
    const { scenario, rootId } = generate({ ...MEDIUM, seed: MEDIUM.seed + 100 + round });
    const refs = shownEntities(scenario, rootId, MEDIUM.depth);
    const sim = await startBenchSimulator(scenario, { latencyMs: 0, jitterMs: 0 });
    try {
      const bff = await startBffProcess(sim.url, { env: LOAD_TEST_ENV });
      try {
        const url = `${bff.url.replace(/^http/, "ws")}${LOOKUPS_PATH}`;
        // The first half warms the code up, as a server that has run a while is; the second
        // half, entities not read yet, is measured.
        const half = Math.floor(refs.length / 2);
        errors += await lookUpAll(url, refs.slice(0, half));
        const measured = refs.slice(half);
        const bffBefore = await bff.cpuMs();
        const here = process.cpuUsage();
        errors += await lookUpAll(url, measured);
        const hereUsed = process.cpuUsage(here);
        const bffMs = (await bff.cpuMs()) - bffBefore;
        const simMs = (hereUsed.user + hereUsed.system) / 1000;
        lookups = refs.length * 2;
        bffPerLookup.push(bffMs / (measured.length * 2));
        simPerLookup.push(simMs / (measured.length * 2));
        totals.push(((bffMs + simMs) / (measured.length * 2)) * lookups);
      } finally {
        await bff.stop();
      }
      // The same calls from a client that does nothing else, against the same simulator.
      const bare = await bareClientCpuPerLookup(sim.url, refs);
      barePerLookup.push(bare);
      bareTotals.push(bare * refs.length * 2);
    } finally {
      await sim.close();
    }
  }
  const note =
    `the 1000/8 graph's ${lookups} lookups (links and label of each entity), cold, no upstream ` +
    `latency; per lookup over the second half, after the first warmed the code; median of ` +
    `${rounds}; errors ${errors}`;
  return [
    row({
      section: "throughput",
      figure: "BFF CPU per cold lookup (one upstream call each)",
      value: median(bffPerLookup),
      unit: "ms",
      reference: {
        kind: "baseline",
        value: median(barePerLookup),
        label: "bare undici client",
      },
      note:
        `${note}; the baseline makes the same upstream calls with undici's request and ` +
        `nothing else (bench/servers/bare-upstream-client.ts), median of ${barePerLookup.length}`,
    }),
    row({
      section: "throughput",
      figure: "Simulator (and load client) CPU per lookup",
      value: median(simPerLookup),
      unit: "ms",
      reference: null,
    }),
    row({
      section: "throughput",
      figure: "CPU of the 1000/8 graph's lookups, BFF + simulator",
      // Per lookup × the graph's lookups: what all of them cost a warmed-up server.
      value: median(totals),
      unit: "ms",
      reference: { kind: "limit", value: limitMs(MEDIUM.depth), label: LIMIT_LABEL },
      note:
        "the CPU the lookups alone need, against the time the settled figure's limit allows; " +
        "the browser needs the same two cores meanwhile",
    }),
    row({
      section: "throughput",
      figure: "CPU of the 1000/8 graph's upstream calls, bare undici client alone",
      value: median(bareTotals),
      unit: "ms",
      reference: { kind: "limit", value: limitMs(MEDIUM.depth), label: LIMIT_LABEL },
      note:
        "the floor of any BFF that makes one HTTP call per lookup from Node on this machine, " +
        "before the simulator answers and the browser draws",
    }),
  ];
}
