import { analyze } from "../client/src/features/insights/analysis/analyze";
import type { GraphNode, GraphSnapshot } from "../client/src/lib/graph-types";
import type { BenchOptions } from "./bench-options";
import { type Row, row } from "./report";
import { fullSnapshot, generate, LARGE } from "./support/scenarios";
import { median } from "./support/stats";

/** Issue 5: the insights on 5,000 entities, well under 100 ms. */
const LIMIT_MS = 100;

/** analyze() is pure: run it in Node on the snapshot the client would hold for 5,000 entities. */
export async function analysisBench(options: BenchOptions): Promise<Row[]> {
  const json = fullSnapshot(generate(LARGE));
  const snapshot: GraphSnapshot = {
    rootKey: json.rootKey,
    nodes: new Map(json.nodes.map((n): [string, GraphNode] => [n.key, n])),
    edges: json.edges,
    incomplete: false,
  };
  const warmUps = 3;
  const runs = options.quick ? 7 : 21;
  const times: number[] = [];
  for (let n = 0; n < warmUps + runs; n += 1) {
    const started = performance.now();
    analyze(snapshot);
    if (n >= warmUps) times.push(performance.now() - started);
  }
  return [
    row({
      section: "analysis",
      figure: `analyze() on ${snapshot.nodes.size} entities (median)`,
      value: median(times),
      unit: "ms",
      reference: { kind: "limit", value: LIMIT_MS, label: "limit" },
      target: { op: "<=", ratio: 0.5 },
      note: `${runs} runs after ${warmUps} warm-ups, slowest ${Math.max(...times).toFixed(1)} ms, ${snapshot.edges.length} links`,
    }),
  ];
}
