import type { IndexedGraph } from "./fast-layered-graph";
import { buildProperGraph, orderLayers, type ProperGraph } from "./fast-layered-order";
import {
  DUMMY_GAP,
  DUMMY_WIDTH,
  LAYER_GAP,
  NODE_GAP,
  PLACEMENT_PASSES,
  PREVIOUS_WEIGHT,
} from "./fast-layered-settings";

// One connected part: a proper layered graph (placeholders on long edges), its order, its x.

export interface PlacedComponent {
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

export interface Box {
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
  const weights = proper.layers.map((items) => items.map((v) => proper.weight[v] as number));
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
    const packed = packLayer(start, weights[l] as number[], layerGaps);
    items.forEach((v, i) => {
      x[v] = packed[i] as number;
    });
  });
  const depth = proper.layers.length;
  const around: number[] = [];
  const pass = (towards: number[][][], order: number[]) => {
    for (const l of order) {
      const items = proper.layers[l] as number[];
      const targets = items.map((v) => {
        const anchor = proper.anchor[v] as number;
        if (!Number.isNaN(anchor)) return anchor;
        around.length = 0;
        for (const list of towards)
          for (const w of list[v] as number[]) around.push(x[w] as number);
        return around.length > 0 ? median(around) : (x[v] as number);
      });
      const packed = packLayer(targets, weights[l] as number[], gaps[l] as number[]);
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

export function placeComponent(
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
