import { cpus } from "node:os";
import { analysisBench } from "./analysis-bench";
import { type BenchOptions, parseOptions, type Section } from "./bench-options";
import { bffThroughputBench } from "./bff-throughput-bench";
import { coldLookupCpuBench } from "./cold-lookup-cpu-bench";
import { expansionBench } from "./expansion-bench";
import { layoutBench } from "./layout-bench";
import { memoryBench } from "./memory-bench";
import { readAheadBench } from "./read-ahead-bench";
import { renderBench } from "./render-bench";
import { formatTable, type Row, row, writeResults } from "./report";
import { scaleBench } from "./scale-bench";
import { ensureClientBuild } from "./support/client-build";
import { RESULTS_DIR } from "./support/paths";
import { viewersBench } from "./viewers-bench";
import { weightBench } from "./weight-bench";

const BENCHES: Record<Section, (options: BenchOptions) => Promise<Row[]>> = {
  expansion: async (options) => [
    ...(await expansionBench(options)),
    ...(await readAheadBench(options)),
  ],
  viewers: viewersBench,
  render: renderBench,
  layout: layoutBench,
  throughput: async (options) => [
    ...(await bffThroughputBench(options)),
    ...(await coldLookupCpuBench(options)),
  ],
  weight: weightBench,
  memory: memoryBench,
  analysis: analysisBench,
  scale: scaleBench,
};

/** Sections that load the production build in a browser or measure it on disk. */
const NEEDS_CLIENT_BUILD: readonly Section[] = ["expansion", "viewers", "weight"];

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  if (options.sections.some((s) => NEEDS_CLIENT_BUILD.includes(s))) {
    ensureClientBuild(options.build);
  }
  const rows: Row[] = [];
  for (const section of options.sections) {
    const started = performance.now();
    process.stdout.write(`▸ ${section}…\n`);
    try {
      rows.push(...(await BENCHES[section](options)));
    } catch (error) {
      // One broken section should not hide the others' numbers.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`  ${section} failed: ${message}\n`);
      rows.push(
        row({ section, figure: `${section} (failed)`, value: null, unit: "", note: message }),
      );
    }
    process.stdout.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  const files = writeResults(
    RESULTS_DIR,
    {
      startedAt: startedAt.toISOString(),
      quick: options.quick,
      sections: options.sections,
      durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: { cpus: cpus().length, node: process.version, platform: process.platform },
    },
    rows,
  );
  process.stdout.write(`Written: ${files.join(", ")}\n`);
}

await main();
