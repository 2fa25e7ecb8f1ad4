import type { IndexedGraph } from "./fast-layered-graph";
import {
  DUMMY_WEIGHT,
  DUMMY_WIDTH,
  MAX_SWEEPS,
  PATIENCE,
  PREVIOUS_WEIGHT,
  SWEEP_WORK_BUDGET,
} from "./fast-layered-settings";

export interface ProperGraph {
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

export function buildProperGraph(
  graph: IndexedGraph,
  layer: Int32Array,
  members: number[],
): ProperGraph {
  const local = new Map<number, number>();
  members.forEach((v, i) => {
    local.set(v, i);
  });
  // Each part's layers consecutive from 0, whatever gaps the incremental layering left.
  const values = [...new Set(members.map((v) => layer[v] as number))].sort((a, b) => a - b);
  const compact = new Map(values.map((value, i) => [value, i]));
  const proper: ProperGraph = {
    layer: members.map((v) => compact.get(layer[v] as number) as number),
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
  members.forEach((v, i) => {
    for (const w of graph.neighbours[v] as number[]) {
      if (w < v) continue; // each undirected pair once
      const j = local.get(w) as number;
      const li = proper.layer[i] as number;
      const lj = proper.layer[j] as number;
      // A RELATES_TO that spans layers gets no placeholders: it does not shape the picture.
      if (li === lj || (Math.abs(li - lj) > 1 && !graph.directedPair(v, w))) continue;
      const [top, bottom] = li < lj ? [i, j] : [j, i];
      let previousItem = top;
      for (let l = (proper.layer[top] as number) + 1; l < (proper.layer[bottom] as number); l++) {
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
  });
  proper.layers = Array.from({ length: values.length }, () => []);
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
      // Pushed in reverse, so children are visited first, in their order, then parents.
      for (const list of [proper.up[v] as number[], proper.down[v] as number[]]) {
        for (let i = list.length - 1; i >= 0; i--) {
          const w = list[i] as number;
          if ((seq[w] as number) < 0) stack.push(w);
        }
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
  tree: Int32Array,
  scratch: Int32Array,
): number {
  tree.fill(0, 0, lowerSize + 1);
  let crossings = 0;
  let seen = 0;
  for (const v of upper) {
    const targets = down[v] as number[];
    const k = targets.length;
    // Insertion sort: a node has a handful of links at most.
    for (let i = 0; i < k; i++) {
      const p = position[targets[i] as number] as number;
      let j = i;
      while (j > 0 && (scratch[j - 1] as number) > p) {
        scratch[j] = scratch[j - 1] as number;
        j--;
      }
      scratch[j] = p;
    }
    for (let t = 0; t < k; t++) {
      // Edges seen so far that end to the right of this one cross it.
      let before = 0;
      for (let i = (scratch[t] as number) + 1; i > 0; i -= i & -i) before += tree[i] as number;
      crossings += seen - before;
    }
    for (let t = 0; t < k; t++) {
      for (let i = (scratch[t] as number) + 1; i <= lowerSize; i += i & -i) {
        tree[i] = (tree[i] as number) + 1;
      }
    }
    seen += k;
  }
  return crossings;
}

function crossingCounter(proper: ProperGraph): (position: Int32Array) => number {
  const widest = Math.max(1, ...proper.layers.map((items) => items.length));
  // A loop, not a spread: a big graph has more items than a call takes arguments.
  const mostLinks = proper.down.reduce((most, list) => Math.max(most, list.length), 1);
  const tree = new Int32Array(widest + 1);
  const scratch = new Int32Array(mostLinks);
  return (position) => {
    let total = 0;
    for (let l = 0; l + 1 < proper.layers.length; l++) {
      const upper = proper.layers[l] as number[];
      const lowerSize = (proper.layers[l + 1] as number[]).length;
      total += crossingsBetween(upper, position, proper.down, lowerSize, tree, scratch);
    }
    return total;
  };
}

/** Barycenters are compared to 1/64 of a slot: closer than that is a tie, kept in place. */
const KEY_STEPS = 64;
const SLOT_BITS = 2 ** 20;

/**
 * Sorts one layer (whose items sit at positions 0..n-1) by key, ties by position: key and
 * position packed into one number so the typed array's own numeric sort does the work, which
 * is several times faster than a comparator on a shared core.
 */
function sortByKey(items: number[], key: Float64Array, position: Int32Array, packed: Float64Array) {
  const n = items.length;
  if (n >= SLOT_BITS) {
    items.sort(
      (a, b) =>
        (key[a] as number) - (key[b] as number) ||
        (position[a] as number) - (position[b] as number),
    );
    return;
  }
  const slots = packed.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const v = items[i] as number;
    slots[i] = Math.round((key[v] as number) * KEY_STEPS) * SLOT_BITS + (position[v] as number);
  }
  slots.sort();
  const before = items.slice();
  for (let i = 0; i < n; i++) items[i] = before[(slots[i] as number) % SLOT_BITS] as number;
}

export function orderLayers(graph: IndexedGraph, members: number[], proper: ProperGraph): void {
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
  const totalCrossings = crossingCounter(proper);
  let best = totalCrossings(position);
  let bestLayers = proper.layers.map((items) => items.slice());
  const key = new Float64Array(count);
  const packed = new Float64Array(Math.max(1, ...proper.layers.map((items) => items.length)));
  let sinceBest = 0;
  for (let sweep = 0; sweep < sweeps && best > 0 && sinceBest < PATIENCE; sweep++) {
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
      sortByKey(items, key, position, packed);
      items.forEach((v, i) => {
        position[v] = i;
      });
    }
    const crossings = totalCrossings(position);
    sinceBest++;
    if (crossings < best) {
      best = crossings;
      bestLayers = proper.layers.map((items) => items.slice());
      sinceBest = 0;
    }
  }
  proper.layers = bestLayers;
}
