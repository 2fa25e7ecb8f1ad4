import { LAYERING_RELATIONSHIPS } from "./elk-graph";

export interface LayeredNode {
  id: string;
  width: number;
  height: number;
}
export interface LayeredEdge {
  source: string;
  target: string;
  relationship: string;
}
export interface LayeredInput {
  nodes: LayeredNode[];
  edges: LayeredEdge[];
  /** The root(s): their component comes first and ties break towards them; layers come from
   *  the relationships (parent above child, as ELK's DOWN direction does today), not from hops. */
  roots: string[];
  /** Positions from the previous picture: kept where possible (incremental). */
  previous?: ReadonlyMap<string, { x: number; y: number }>;
}
export interface Point {
  x: number;
  y: number;
}

/** The same spacing ELK used, so switching layouts does not change the density of the picture. */
export const NODE_GAP = 24;
export const LAYER_GAP = 56;
export const COMPONENT_GAP = 80;
/** Long edges pass through narrow placeholders, so they can run between boxes. */
const DUMMY_WIDTH = 12;
const DUMMY_GAP = 8;
const MIN_SIZE = 1;
const MAX_SWEEPS = 24;
/**
 * The budget of the crossing reduction, in edge-segment visits rather than milliseconds: a
 * wall-clock budget would give a slower machine a different picture of the same URL. About
 * 2 M visits take 20-40 ms on a shared core; a 5,000-node graph spends a fraction of it.
 */
export const SWEEP_WORK_BUDGET = 2_000_000;
/** Previously placed nodes pull this much harder towards where they were than new ones. */
const PREVIOUS_WEIGHT = 1_000;
const DUMMY_WEIGHT = 2;
const PLACEMENT_PASSES = 4;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A layered (Sugiyama) layout for dependency graphs in about linear time: longest-path layers
 * along the directed relationships, placeholders for long edges, a bounded number of barycenter
 * sweeps, and compact median placement without overlaps. Pure and deterministic: the same graph
 * in any order gives the same centres. With `previous`, placed nodes keep their order and stay
 * close to where they were.
 */
export function layeredPositions(input: LayeredInput): Map<string, Point> {
  const graph = indexGraph(input);
  const layer = assignLayers(graph);
  const components = splitComponents(graph);
  const placed = components.map((members) => placeComponent(graph, layer, members));
  return arrangeComponents(graph, placed);
}

// ---------------------------------------------------------------------------------------------
// Input, normalised so that nothing depends on the order it came in.

interface IndexedGraph {
  ids: string[];
  width: number[];
  height: number[];
  isRoot: boolean[];
  previous: (Point | undefined)[];
  /** Directed "parent above child" edges, deduplicated, by source. */
  out: number[][];
  /** Every link, undirected, deduplicated: what keeps ends close and what forms components. */
  neighbours: number[][];
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function indexGraph(input: LayeredInput): IndexedGraph {
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
  };
}

// ---------------------------------------------------------------------------------------------
// Layers: longest path along the directed relationships once cycles are broken.

/** The directed edges (as [source, target]) that a depth-first search finds closing a cycle. */
function backEdges(graph: IndexedGraph): Set<string> {
  const n = graph.ids.length;
  const state = new Uint8Array(n); // 0 unseen, 1 on the path, 2 finished
  const reversed = new Set<string>();
  const starts: number[] = [];
  // Starting at the roots makes the edges into a root the ones reversed: the root stays on top.
  for (let v = 0; v < n; v++) if (graph.isRoot[v]) starts.push(v);
  for (let v = 0; v < n; v++) starts.push(v);
  const stackNode: number[] = [];
  const stackNext: number[] = [];
  for (const start of starts) {
    if (state[start] !== 0) continue;
    state[start] = 1;
    stackNode.push(start);
    stackNext.push(0);
    while (stackNode.length > 0) {
      const top = stackNode.length - 1;
      const v = stackNode[top] as number;
      const children = graph.out[v] as number[];
      const next = stackNext[top] as number;
      if (next >= children.length) {
        state[v] = 2;
        stackNode.pop();
        stackNext.pop();
        continue;
      }
      stackNext[top] = next + 1;
      const w = children[next] as number;
      if (state[w] === 1) reversed.add(`${v}>${w}`);
      else if (state[w] === 0) {
        state[w] = 1;
        stackNode.push(w);
        stackNext.push(0);
      }
    }
  }
  return reversed;
}

function assignLayers(graph: IndexedGraph): Int32Array {
  const n = graph.ids.length;
  const reversed = backEdges(graph);
  const down: number[][] = graph.ids.map(() => []);
  const indegree = new Int32Array(n);
  const directed = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    for (const w of graph.out[v] as number[]) {
      const [a, b] = reversed.has(`${v}>${w}`) ? [w, v] : [v, w];
      (down[a] as number[]).push(b);
      indegree[b] = (indegree[b] as number) + 1;
      directed[a] = 1;
      directed[b] = 1;
    }
  }
  const layer = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) {
    if (directed[v] && indegree[v] === 0) {
      queue.push(v);
      layer[v] = 0;
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] as number;
    for (const w of down[v] as number[]) {
      layer[w] = Math.max(layer[w] as number, (layer[v] as number) + 1);
      indegree[w] = (indegree[w] as number) - 1;
      if (indegree[w] === 0) queue.push(w);
    }
  }
  // Entities joined only by RELATES_TO (or unknown links) sit one layer below what they relate
  // to: close, and still a proper edge between neighbouring layers.
  const spread: number[] = [];
  for (let v = 0; v < n; v++) if ((layer[v] as number) >= 0) spread.push(v);
  const fromSeeds = (seeds: number[]) => {
    for (let head = 0; head < seeds.length; head++) {
      const v = seeds[head] as number;
      for (const w of graph.neighbours[v] as number[]) {
        if ((layer[w] as number) >= 0) continue;
        layer[w] = (layer[v] as number) + 1;
        seeds.push(w);
      }
    }
  };
  fromSeeds(spread);
  // Parts with no directed link at all: rows by hop from their root, or from the topmost entity
  // of the previous picture, or from their first entity.
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (graph.isRoot[v]) order.push(v);
  const placed: number[] = [];
  for (let v = 0; v < n; v++) if (graph.previous[v]) placed.push(v);
  placed.sort((a, b) => (graph.previous[a]?.y ?? 0) - (graph.previous[b]?.y ?? 0) || a - b);
  order.push(...placed);
  for (let v = 0; v < n; v++) order.push(v);
  for (const v of order) {
    if ((layer[v] as number) >= 0) continue;
    layer[v] = 0;
    fromSeeds([v]);
  }
  return layer;
}

function splitComponents(graph: IndexedGraph): number[][] {
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

// ---------------------------------------------------------------------------------------------
// One connected part: a proper layered graph (placeholders on long edges), its order, its x.

interface PlacedComponent {
  /** Smallest member index: the last tie-break. */
  first: number;
  hasRoot: boolean;
  size: number;
  members: number[];
  x: Float64Array;
  y: Float64Array;
  box: Box;
  /** Where the members that were in the previous picture were; null for a new part. */
  before: Box | null;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function emptyBox(): Box {
  return {
    left: Number.POSITIVE_INFINITY,
    right: Number.NEGATIVE_INFINITY,
    top: Number.POSITIVE_INFINITY,
    bottom: Number.NEGATIVE_INFINITY,
  };
}

function extend(box: Box, x: number, y: number, width: number, height: number): void {
  box.left = Math.min(box.left, x - width / 2);
  box.right = Math.max(box.right, x + width / 2);
  box.top = Math.min(box.top, y - height / 2);
  box.bottom = Math.max(box.bottom, y + height / 2);
}

interface ProperGraph {
  /** Per local item (members first, then placeholders). */
  layer: number[];
  width: number[];
  weight: number[];
  /** Target x from the previous picture, or NaN. */
  anchor: number[];
  up: number[][];
  down: number[][];
  layers: number[][];
}

function buildProperGraph(graph: IndexedGraph, layer: Int32Array, members: number[]): ProperGraph {
  const local = new Map<number, number>();
  members.forEach((v, i) => {
    local.set(v, i);
  });
  const proper: ProperGraph = {
    layer: members.map((v) => layer[v] as number),
    width: members.map((v) => graph.width[v] as number),
    weight: members.map((v) => (graph.previous[v] ? PREVIOUS_WEIGHT : 1)),
    anchor: members.map((v) => graph.previous[v]?.x ?? Number.NaN),
    up: members.map(() => []),
    down: members.map(() => []),
    layers: [],
  };
  const link = (upper: number, lower: number) => {
    (proper.down[upper] as number[]).push(lower);
    (proper.up[lower] as number[]).push(upper);
  };
  for (const v of members) {
    for (const w of graph.neighbours[v] as number[]) {
      if (w < v) continue; // each undirected pair once
      const lv = layer[v] as number;
      const lw = layer[w] as number;
      if (lv === lw) continue;
      const [upper, lower] = lv < lw ? [v, w] : [w, v];
      let previousItem = local.get(upper) as number;
      const bottom = local.get(lower) as number;
      for (let l = (layer[upper] as number) + 1; l < (layer[lower] as number); l++) {
        const dummy = proper.layer.length;
        proper.layer.push(l);
        proper.width.push(DUMMY_WIDTH);
        proper.weight.push(DUMMY_WEIGHT);
        proper.anchor.push(Number.NaN);
        proper.up.push([]);
        proper.down.push([]);
        link(previousItem, dummy);
        previousItem = dummy;
      }
      link(previousItem, bottom);
    }
  }
  const depth = Math.max(0, ...proper.layer) + 1;
  proper.layers = Array.from({ length: depth }, () => []);
  return proper;
}

/** The visit order of a depth-first walk from the roots: a start that sweeps improve quickly. */
function initialOrder(graph: IndexedGraph, members: number[], proper: ProperGraph): number[] {
  const count = proper.layer.length;
  const seq = new Float64Array(count).fill(-1);
  const starts = members
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(graph.isRoot[members[b] as number]) - Number(graph.isRoot[members[a] as number]) ||
        (proper.layer[a] as number) - (proper.layer[b] as number) ||
        a - b,
    );
  let counter = 0;
  const stack: number[] = [];
  for (const start of starts) {
    if ((seq[start] as number) >= 0) continue;
    stack.push(start);
    while (stack.length > 0) {
      const v = stack.pop() as number;
      if ((seq[v] as number) >= 0) continue;
      seq[v] = counter++;
      const next = [...(proper.down[v] as number[]), ...(proper.up[v] as number[])];
      for (let i = next.length - 1; i >= 0; i--) {
        const w = next[i] as number;
        if ((seq[w] as number) < 0) stack.push(w);
      }
    }
  }
  return Array.from(seq);
}

/** Where the previous picture had each item, spread to placeholders and new nodes by averaging. */
function previousKeys(proper: ProperGraph): number[] {
  const key = proper.anchor.slice();
  const depth = proper.layers.length;
  const fill = (neighbours: number[][], from: number, to: number, step: number) => {
    for (let l = from; l !== to; l += step) {
      for (const v of proper.layers[l] as number[]) {
        if (!Number.isNaN(key[v] as number)) continue;
        let sum = 0;
        let known = 0;
        for (const w of neighbours[v] as number[]) {
          const k = key[w] as number;
          if (!Number.isNaN(k)) {
            sum += k;
            known++;
          }
        }
        if (known > 0) key[v] = sum / known;
      }
    }
  };
  fill(proper.up, 0, depth, 1);
  fill(proper.down, depth - 1, -1, -1);
  return key.map((k) => (Number.isNaN(k) ? Number.POSITIVE_INFINITY : k));
}

/** Crossings between two neighbouring layers, counted with a Fenwick tree: O(E log V). */
function crossingsBetween(
  upper: number[],
  position: Int32Array,
  down: number[][],
  lowerSize: number,
) {
  const tree = new Int32Array(lowerSize + 1);
  let crossings = 0;
  let seen = 0;
  for (const v of upper) {
    const targets = (down[v] as number[]).map((w) => position[w] as number).sort((a, b) => a - b);
    for (const p of targets) {
      // Edges seen so far that end to the right of p cross this one.
      let before = 0;
      for (let i = p + 1; i > 0; i -= i & -i) before += tree[i] as number;
      crossings += seen - before;
    }
    for (const p of targets) {
      for (let i = p + 1; i <= lowerSize; i += i & -i) tree[i] = (tree[i] as number) + 1;
      seen++;
    }
  }
  return crossings;
}

function totalCrossings(proper: ProperGraph, position: Int32Array): number {
  let total = 0;
  for (let l = 0; l + 1 < proper.layers.length; l++) {
    const lower = proper.layers[l + 1] as number[];
    total += crossingsBetween(proper.layers[l] as number[], position, proper.down, lower.length);
  }
  return total;
}

function orderLayers(graph: IndexedGraph, members: number[], proper: ProperGraph): void {
  const count = proper.layer.length;
  const seq = initialOrder(graph, members, proper);
  const incremental = proper.anchor.some((a) => !Number.isNaN(a));
  const startKey = incremental ? previousKeys(proper) : seq;
  for (let v = 0; v < count; v++) (proper.layers[proper.layer[v] as number] as number[]).push(v);
  for (const items of proper.layers) {
    items.sort(
      (a, b) =>
        (startKey[a] as number) - (startKey[b] as number) ||
        (seq[a] as number) - (seq[b] as number),
    );
  }
  const position = new Int32Array(count);
  const record = () => {
    for (const items of proper.layers)
      items.forEach((v, i) => {
        position[v] = i;
      });
  };
  record();
  let segments = 0;
  for (const list of proper.down) segments += list.length;
  const sweepCost = segments * 2 + count;
  const sweeps = Math.min(MAX_SWEEPS, Math.floor(SWEEP_WORK_BUDGET / Math.max(1, sweepCost)));
  let best = totalCrossings(proper, position);
  let bestLayers = proper.layers.map((items) => items.slice());
  const key = new Float64Array(count);
  for (let sweep = 0; sweep < sweeps && best > 0; sweep++) {
    const downward = sweep % 2 === 0;
    const depth = proper.layers.length;
    for (let step = 1; step < depth; step++) {
      const l = downward ? step : depth - 1 - step;
      const items = proper.layers[l] as number[];
      const towards = downward ? proper.up : proper.down;
      for (const v of items) {
        const fixed = incremental && !Number.isNaN(proper.anchor[v] as number);
        const neighbours = towards[v] as number[];
        if (fixed || neighbours.length === 0) {
          key[v] = position[v] as number;
          continue;
        }
        let sum = 0;
        for (const w of neighbours) sum += position[w] as number;
        key[v] = sum / neighbours.length;
      }
      items.sort(
        (a, b) =>
          (key[a] as number) - (key[b] as number) ||
          (position[a] as number) - (position[b] as number),
      );
      items.forEach((v, i) => {
        position[v] = i;
      });
    }
    const crossings = totalCrossings(proper, position);
    if (crossings < best) {
      best = crossings;
      bestLayers = proper.layers.map((items) => items.slice());
    }
  }
  proper.layers = bestLayers;
}

/**
 * Weighted isotonic regression with minimum gaps (pool adjacent violators): the x closest to
 * the targets that keeps the order and the gaps. Linear in the layer.
 */
function packLayer(targets: number[], weights: number[], gaps: number[]): number[] {
  const n = targets.length;
  const offset = new Float64Array(n);
  for (let i = 1; i < n; i++) offset[i] = (offset[i - 1] as number) + (gaps[i - 1] as number);
  const blockWeight: number[] = [];
  const blockSum: number[] = [];
  const blockSize: number[] = [];
  for (let i = 0; i < n; i++) {
    let weight = weights[i] as number;
    let sum = weight * ((targets[i] as number) - (offset[i] as number));
    let size = 1;
    while (blockWeight.length > 0) {
      const last = blockWeight.length - 1;
      const lastMean = (blockSum[last] as number) / (blockWeight[last] as number);
      if (lastMean <= sum / weight) break;
      weight += blockWeight.pop() as number;
      sum += blockSum.pop() as number;
      size += blockSize.pop() as number;
    }
    blockWeight.push(weight);
    blockSum.push(sum);
    blockSize.push(size);
  }
  const x = new Array<number>(n);
  let i = 0;
  for (let b = 0; b < blockWeight.length; b++) {
    const mean = (blockSum[b] as number) / (blockWeight[b] as number);
    for (let k = 0; k < (blockSize[b] as number); k++, i++) x[i] = mean + (offset[i] as number);
  }
  return x;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] as number)
    : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

function assignX(proper: ProperGraph): Float64Array {
  const x = new Float64Array(proper.layer.length);
  const gapsOf = (items: number[]) =>
    items.slice(1).map((v, i) => {
      const u = items[i] as number;
      const dummy = proper.width[u] === DUMMY_WIDTH || proper.width[v] === DUMMY_WIDTH;
      return (
        ((proper.width[u] as number) + (proper.width[v] as number)) / 2 +
        (dummy ? DUMMY_GAP : NODE_GAP)
      );
    });
  const gaps = proper.layers.map(gapsOf);
  // Start: each layer packed tight and centred, or where the previous picture had it.
  proper.layers.forEach((items, l) => {
    const layerGaps = gaps[l] as number[];
    const total = layerGaps.reduce((sum, gap) => sum + gap, 0);
    let cursor = -total / 2;
    const start = items.map((v, i) => {
      const at = cursor;
      cursor += layerGaps[i] ?? 0;
      const anchor = proper.anchor[v] as number;
      return Number.isNaN(anchor) ? at : anchor;
    });
    const packed = packLayer(
      start,
      items.map((v) => proper.weight[v] as number),
      layerGaps,
    );
    items.forEach((v, i) => {
      x[v] = packed[i] as number;
    });
  });
  const depth = proper.layers.length;
  const pass = (towards: number[][][], order: number[]) => {
    for (const l of order) {
      const items = proper.layers[l] as number[];
      const targets = items.map((v) => {
        const anchor = proper.anchor[v] as number;
        if (!Number.isNaN(anchor)) return anchor;
        const around: number[] = [];
        for (const list of towards)
          for (const w of list[v] as number[]) around.push(x[w] as number);
        return around.length > 0 ? median(around) : (x[v] as number);
      });
      const packed = packLayer(
        targets,
        items.map((v) => proper.weight[v] as number),
        gaps[l] as number[],
      );
      items.forEach((v, i) => {
        x[v] = packed[i] as number;
      });
    }
  };
  const downOrder = Array.from({ length: depth }, (_, l) => l);
  const upOrder = downOrder.slice().reverse();
  for (let p = 0; p < PLACEMENT_PASSES; p++) {
    if (p % 2 === 0) pass([proper.up], downOrder);
    else pass([proper.down], upOrder);
  }
  // A last pass that listens to both sides, so parents and children meet halfway.
  pass([proper.up, proper.down], downOrder);
  return x;
}

/**
 * Layers stacked top to bottom; incrementally, each layer stays at the height its placed members
 * had, and moves only as much as a taller box in it or next to it needs.
 */
function layerCentres(
  graph: IndexedGraph,
  members: number[],
  proper: ProperGraph,
  layerHeight: number[],
): number[] {
  const gaps = layerHeight.slice(1).map((h, l) => ((layerHeight[l] as number) + h) / 2 + LAYER_GAP);
  const before: number[][] = layerHeight.map(() => []);
  members.forEach((v, i) => {
    const point = graph.previous[v];
    if (point) (before[proper.layer[i] as number] as number[]).push(point.y);
  });
  const targets = before.map((ys) => (ys.length > 0 ? median(ys) : Number.NaN));
  const firstKnown = targets.findIndex((t) => !Number.isNaN(t));
  if (firstKnown < 0) {
    const stacked = [(layerHeight[0] as number) / 2];
    for (const gap of gaps) stacked.push((stacked[stacked.length - 1] as number) + gap);
    return stacked;
  }
  for (let l = firstKnown - 1; l >= 0; l--) {
    targets[l] = (targets[l + 1] as number) - (gaps[l] as number);
  }
  for (let l = firstKnown + 1; l < targets.length; l++) {
    if (Number.isNaN(targets[l] as number)) {
      targets[l] = (targets[l - 1] as number) + (gaps[l - 1] as number);
    }
  }
  const weights = before.map((ys) => (ys.length > 0 ? PREVIOUS_WEIGHT : 1));
  return packLayer(targets as number[], weights, gaps);
}

function placeComponent(
  graph: IndexedGraph,
  layer: Int32Array,
  members: number[],
): PlacedComponent {
  const proper = buildProperGraph(graph, layer, members);
  orderLayers(graph, members, proper);
  const localX = assignX(proper);
  const layerHeight = proper.layers.map(() => 0);
  members.forEach((v, i) => {
    const l = proper.layer[i] as number;
    layerHeight[l] = Math.max(layerHeight[l] as number, graph.height[v] as number);
  });
  const layerY = layerCentres(graph, members, proper, layerHeight);
  const x = new Float64Array(members.length);
  const y = new Float64Array(members.length);
  const box = emptyBox();
  const before = emptyBox();
  let placedBefore = false;
  members.forEach((v, i) => {
    const w = graph.width[v] as number;
    const h = graph.height[v] as number;
    x[i] = localX[i] as number;
    y[i] = layerY[proper.layer[i] as number] as number;
    extend(box, x[i] as number, y[i] as number, w, h);
    const point = graph.previous[v];
    if (point) {
      placedBefore = true;
      extend(before, point.x, point.y, w, h);
    }
  });
  return {
    first: members[0] as number,
    hasRoot: members.some((v) => graph.isRoot[v]),
    size: members.length,
    members,
    x,
    y,
    box,
    before: placedBefore ? before : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Parts side by side: the root's first, then the biggest; in rows about as wide as the whole.

function shiftBox(box: Box, dx: number, dy: number): void {
  box.left += dx;
  box.right += dx;
  box.top += dy;
  box.bottom += dy;
}

function shift(part: PlacedComponent, dx: number, dy: number): void {
  if (dx === 0 && dy === 0) return;
  for (let i = 0; i < part.size; i++) {
    part.x[i] = (part.x[i] as number) + dx;
    part.y[i] = (part.y[i] as number) + dy;
  }
  shiftBox(part.box, dx, dy);
  if (part.before) shiftBox(part.before, dx, dy);
}

function arrangeFresh(parts: PlacedComponent[], originX: number, originY: number): void {
  let area = 0;
  let widest = 0;
  for (const { box } of parts) {
    const w = box.right - box.left + COMPONENT_GAP;
    area += w * (box.bottom - box.top + COMPONENT_GAP);
    widest = Math.max(widest, w);
  }
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.5);
  let cursorX = 0;
  let cursorY = 0;
  let rowHeight = 0;
  for (const part of parts) {
    const w = part.box.right - part.box.left;
    if (cursorX > 0 && cursorX + w > rowWidth) {
      cursorX = 0;
      cursorY += rowHeight + COMPONENT_GAP;
      rowHeight = 0;
    }
    shift(part, originX + cursorX - part.box.left, originY + cursorY - part.box.top);
    cursorX += w + COMPONENT_GAP;
    rowHeight = Math.max(rowHeight, part.box.bottom - part.box.top);
  }
}

/**
 * A part that grew makes room the way a spreadsheet inserts rows and columns: what lies beyond
 * its old edge on the side it grew moves by exactly the growth. Distances between the others
 * never shrink, so nothing that was apart comes to overlap.
 */
function makeRoom(grown: PlacedComponent, parts: PlacedComponent[]): void {
  const was = grown.before;
  if (!was) return;
  const now = grown.box;
  const right = Math.max(0, now.right - was.right);
  const left = Math.max(0, was.left - now.left);
  const down = Math.max(0, now.bottom - was.bottom);
  const up = Math.max(0, was.top - now.top);
  if (right + left + down + up === 0) return;
  const edges = { ...was };
  for (const part of parts) {
    if (part === grown || !part.before) continue;
    const b = part.box;
    const dx = b.left >= edges.right ? right : b.right <= edges.left ? -left : 0;
    const dy = b.top >= edges.bottom ? down : b.bottom <= edges.top ? -up : 0;
    shift(part, dx, dy);
  }
}

function arrangeComponents(graph: IndexedGraph, parts: PlacedComponent[]): Map<string, Point> {
  parts.sort(
    (a, b) => Number(b.hasRoot) - Number(a.hasRoot) || b.size - a.size || a.first - b.first,
  );
  const kept = parts.filter((part) => part.before);
  const fresh = parts.filter((part) => !part.before);
  if (kept.length === 0) {
    arrangeFresh(fresh, 0, 0);
  } else {
    // Parts that were on screen stay where they were; new parts go to the right of everything.
    for (const part of kept) makeRoom(part, kept);
    const right = Math.max(...kept.map((part) => part.box.right));
    const top = Math.min(...kept.map((part) => part.box.top));
    arrangeFresh(fresh, right + COMPONENT_GAP, top);
  }
  const positions = new Map<string, Point>();
  for (const part of parts) {
    part.members.forEach((v, i) => {
      positions.set(graph.ids[v] as string, { x: part.x[i] as number, y: part.y[i] as number });
    });
  }
  return positions;
}
