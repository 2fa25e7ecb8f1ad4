import type { LayeredInput, LayeredNode, Point } from "./fast-layered";
import { MIN_SIZE } from "./fast-layered-settings";

/** Relationships that say "this comes before that"; RELATES_TO and unknown ones do not. */
export const LAYERING_RELATIONSHIPS: ReadonlySet<string> = new Set([
  "BLOCKS",
  "CAUSES",
  "DUPLICATES",
  "PARENT_OF",
  "SUCCESSOR_OF",
  "ESCALATES_TO",
]);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Input, normalised so that nothing depends on the order it came in.

export interface IndexedGraph {
  ids: string[];
  width: number[];
  height: number[];
  isRoot: boolean[];
  previous: (Point | undefined)[];
  /** Directed "parent above child" edges, deduplicated, by source. */
  out: number[][];
  /** Every link, undirected, deduplicated: what keeps ends close and what forms components. */
  neighbours: number[][];
  /** Whether v and w are joined by a directed link (either way). */
  directedPair: (v: number, w: number) => boolean;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

export function indexGraph(input: LayeredInput): IndexedGraph {
  const sizes = new Map<string, LayeredNode>();
  for (const node of input.nodes) {
    // Duplicate ids: keep the larger box so the result does not depend on which came first.
    const seen = sizes.get(node.id);
    if (!seen || node.width * node.height > seen.width * seen.height) sizes.set(node.id, node);
  }
  const ids = [...sizes.keys()].sort(byText);
  const index = new Map(ids.map((id, i) => [id, i]));
  const width = ids.map((id) => Math.max(MIN_SIZE, finiteOr(sizes.get(id)?.width ?? 0, 0)));
  const height = ids.map((id) => Math.max(MIN_SIZE, finiteOr(sizes.get(id)?.height ?? 0, 0)));
  const roots = new Set(input.roots);
  const isRoot = ids.map((id) => roots.has(id));
  const previous = ids.map((id) => {
    const point = input.previous?.get(id);
    return point && Number.isFinite(point.x) && Number.isFinite(point.y) ? point : undefined;
  });
  const outSets = ids.map(() => new Set<number>());
  const neighbourSets = ids.map(() => new Set<number>());
  for (const edge of input.edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t) continue;
    neighbourSets[s]?.add(t);
    neighbourSets[t]?.add(s);
    if (LAYERING_RELATIONSHIPS.has(edge.relationship)) outSets[s]?.add(t);
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return {
    ids,
    width,
    height,
    isRoot,
    previous,
    out: outSets.map(sorted),
    neighbours: neighbourSets.map(sorted),
    directedPair: (v, w) => Boolean(outSets[v]?.has(w) || outSets[w]?.has(v)),
  };
}

export function splitComponents(graph: IndexedGraph): number[][] {
  const n = graph.ids.length;
  const component = new Int32Array(n).fill(-1);
  const components: number[][] = [];
  for (let v = 0; v < n; v++) {
    if ((component[v] as number) >= 0) continue;
    const id = components.length;
    const members = [v];
    component[v] = id;
    for (let head = 0; head < members.length; head++) {
      for (const w of graph.neighbours[members[head] as number] as number[]) {
        if ((component[w] as number) >= 0) continue;
        component[w] = id;
        members.push(w);
      }
    }
    members.sort((a, b) => a - b);
    components.push(members);
  }
  return components;
}
