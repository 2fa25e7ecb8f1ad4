import type { BenchOptions } from "./bench-options";
import { type Row, row } from "./report";
import { type ChildServer, LOAD_TEST_ENV, startBffProcess } from "./support/child-server";
import { generate, LARGE } from "./support/scenarios";
import { startBenchSimulator } from "./support/stack";

const MB = 1024 * 1024;
/** Links and label of this many entities per batch request (the batch allows 500 items). */
const PER_BATCH = 250;

/** Asks the BFF for links and labels of every entity, so both caches hold all of them. */
async function warm(bff: ChildServer, refs: { type: "CASE" | "INCIDENT"; id: string }[]) {
  for (let start = 0; start < refs.length; start += PER_BATCH) {
    const chunk = refs.slice(start, start + PER_BATCH);
    const response = await fetch(`${bff.url}/api/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ links: chunk, entities: chunk }),
    });
    const text = await response.text();
    const failed = text.split("\n").filter((line) => line.includes('"error"')).length;
    if (!response.ok || failed > 0)
      throw new Error(`warming failed: ${response.status}, ${failed}`);
  }
}

/** Resident and heap memory of a BFF holding 5,000 entities, against the same BFF idle. */
export async function memoryBench(_options: BenchOptions): Promise<Row[]> {
  const { scenario } = generate(LARGE);
  const refs = [
    ...scenario.cases.map((c) => ({ type: "CASE" as const, id: c.id })),
    ...scenario.incidents.map((i) => ({ type: "INCIDENT" as const, id: i.id })),
  ];
  const sim = await startBenchSimulator(scenario);
  let bff: ChildServer | undefined;
  try {
    bff = await startBffProcess(sim.url, { env: LOAD_TEST_ENV });
    // One tiny request first, so idle means "has served", not "has loaded its modules".
    await fetch(`${bff.url}/healthz`);
    const idle = await bff.memory();
    await warm(bff, refs);
    const full = await bff.memory();
    const perEntityKb = (full.heapUsed - idle.heapUsed) / refs.length / 1024;
    return [
      row({
        section: "memory",
        figure: `BFF RSS, ${refs.length} entities cached`,
        value: full.rss / MB,
        unit: "MB",
        reference: { kind: "baseline", value: idle.rss / MB, label: "idle BFF" },
      }),
      row({
        section: "memory",
        figure: `BFF heap used, ${refs.length} entities cached`,
        value: full.heapUsed / MB,
        unit: "MB",
        reference: { kind: "baseline", value: idle.heapUsed / MB, label: "idle BFF" },
        note: `≈ ${perEntityKb.toFixed(1)} KB of heap per entity (links + label cached)`,
      }),
    ];
  } finally {
    await bff?.stop();
    await sim.close();
  }
}
