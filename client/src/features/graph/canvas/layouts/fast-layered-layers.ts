import type { IndexedGraph } from "./fast-layered-graph";
import { LAYERING_PASSES } from "./fast-layered-settings";

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

const NO_LAYER = -2_147_483_648;

interface Dag {
  down: number[][];
  up: number[][];
  /** Nodes with a directed link, in topological order. */
  order: number[];
}

function acyclicDirected(graph: IndexedGraph): Dag {
  const n = graph.ids.length;
  const reversed = backEdges(graph);
  const down: number[][] = graph.ids.map(() => []);
  const up: number[][] = graph.ids.map(() => []);
  for (let v = 0; v < n; v++) {
    for (const w of graph.out[v] as number[]) {
      const [a, b] = reversed.has(`${v}>${w}`) ? [w, v] : [v, w];
      (down[a] as number[]).push(b);
      (up[b] as number[]).push(a);
    }
  }
  const indegree = up.map((list) => list.length);
  const order: number[] = [];
  for (let v = 0; v < n; v++) {
    if ((down[v] as number[]).length + (up[v] as number[]).length > 0 && indegree[v] === 0) {
      order.push(v);
    }
  }
  for (let head = 0; head < order.length; head++) {
    for (const w of down[order[head] as number] as number[]) {
      indegree[w] = (indegree[w] as number) - 1;
      if (indegree[w] === 0) order.push(w);
    }
  }
  return { down, up, order };
}

/**
 * Longest path from the top, then a few passes that move each node to the median layer of its
 * directed neighbours within what its parents and children allow: a cheap stand-in for the
 * network simplex that ELK and dagre run, with far fewer long edges (and placeholders) than
 * longest path alone. Sources sink to just above their children, leaves hang just below
 * their parents. Linear per pass.
 */
function freshLayers(dag: Dag, n: number): Int32Array {
  const layer = new Int32Array(n).fill(NO_LAYER);
  for (const v of dag.order) {
    let at = 0;
    for (const p of dag.up[v] as number[]) at = Math.max(at, (layer[p] as number) + 1);
    layer[v] = at;
  }
  const around: number[] = [];
  const relax = (v: number) => {
    let lowest = Number.NEGATIVE_INFINITY;
    let highest = Number.POSITIVE_INFINITY;
    around.length = 0;
    for (const p of dag.up[v] as number[]) {
      lowest = Math.max(lowest, (layer[p] as number) + 1);
      around.push(layer[p] as number);
    }
    for (const c of dag.down[v] as number[]) {
      highest = Math.min(highest, (layer[c] as number) - 1);
      around.push(layer[c] as number);
    }
    around.sort((a, b) => a - b);
    const middle = around[(around.length - 1) >> 1] as number;
    layer[v] = Math.min(highest, Math.max(lowest, middle));
  };
  for (let pass = 0; pass < LAYERING_PASSES; pass++) {
    if (pass % 2 === 0)
      for (let i = dag.order.length - 1; i >= 0; i--) relax(dag.order[i] as number);
    else for (const v of dag.order) relax(v);
  }
  return layer;
}

/**
 * Islands: the parts held together by directed links alone. Their layers come from those links;
 * how one island sits against another comes from the RELATES_TO (or unknown) links between
 * them. An entity with no directed link is an island of its own.
 */
function directedIslands(dag: Dag, n: number): Int32Array {
  const island = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    if ((island[v] as number) >= 0) continue;
    island[v] = v;
    const stack = [v];
    while (stack.length > 0) {
      const u = stack.pop() as number;
      for (const list of [dag.down[u] as number[], dag.up[u] as number[]]) {
        for (const w of list) {
          if ((island[w] as number) >= 0) continue;
          island[w] = v;
          stack.push(w);
        }
      }
    }
  }
  return island;
}

/**
 * Incremental: placed nodes keep the layer their previous height says (the rank of their y);
 * new ones go just below their parents or just above their children, or keep their island's
 * offset. False when a new link contradicts the old layers: then they are computed afresh.
 */
function keepLayers(
  graph: IndexedGraph,
  dag: Dag,
  local: Int32Array,
  island: Int32Array,
  layer: Int32Array,
): boolean {
  const n = graph.ids.length;
  const ys = [...new Set(graph.previous.flatMap((p) => (p ? [Math.round(p.y)] : [])))].sort(
    (a, b) => a - b,
  );
  const rank = new Map(ys.map((y, i) => [y, i]));
  for (let v = 0; v < n; v++) {
    const point = graph.previous[v];
    if (point) layer[v] = rank.get(Math.round(point.y)) as number;
  }
  for (const v of dag.order) {
    if (layer[v] !== NO_LAYER) continue;
    let at = NO_LAYER;
    for (const p of dag.up[v] as number[]) {
      if (layer[p] !== NO_LAYER) at = Math.max(at, (layer[p] as number) + 1);
    }
    layer[v] = at;
  }
  for (let i = dag.order.length - 1; i >= 0; i--) {
    const v = dag.order[i] as number;
    if (layer[v] !== NO_LAYER) continue;
    let at = Number.POSITIVE_INFINITY;
    for (const c of dag.down[v] as number[]) {
      if (layer[c] !== NO_LAYER) at = Math.min(at, (layer[c] as number) - 1);
    }
    if (Number.isFinite(at)) layer[v] = at;
  }
  // The rest of an island that has placed members moves with them.
  const shifts = new Map<number, number[]>();
  for (const v of dag.order) {
    if (layer[v] === NO_LAYER) continue;
    const list = shifts.get(island[v] as number) ?? [];
    list.push((layer[v] as number) - (local[v] as number));
    shifts.set(island[v] as number, list);
  }
  for (const v of dag.order) {
    const list = shifts.get(island[v] as number);
    if (layer[v] === NO_LAYER && list) layer[v] = (local[v] as number) + medianInteger(list);
  }
  for (const v of dag.order) {
    if (layer[v] === NO_LAYER) continue;
    for (const c of dag.down[v] as number[]) {
      if (layer[c] !== NO_LAYER && (layer[v] as number) >= (layer[c] as number)) return false;
    }
  }
  return true;
}

function medianInteger(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[values.length >> 1] as number;
}

/**
 * Layers: an island's own (longest path) offset so that it hangs one layer below what it
 * relates to, starting from the root's island. Negative values and gaps are fine here: each
 * part's layers are made consecutive from 0 later.
 */
export function assignLayers(graph: IndexedGraph): Int32Array {
  const n = graph.ids.length;
  const dag = acyclicDirected(graph);
  const local = freshLayers(dag, n);
  for (let v = 0; v < n; v++) if (local[v] === NO_LAYER) local[v] = 0;
  const island = directedIslands(dag, n);
  const members = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const list = members.get(island[v] as number) ?? [];
    list.push(v);
    members.set(island[v] as number, list);
  }
  let layer = new Int32Array(n).fill(NO_LAYER);
  if (graph.previous.some(Boolean) && !keepLayers(graph, dag, local, island, layer)) {
    layer = new Int32Array(n).fill(NO_LAYER);
  }
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (layer[v] !== NO_LAYER) queue.push(v);
  const place = (v: number, offset: number) => {
    for (const m of members.get(island[v] as number) as number[]) {
      if (layer[m] !== NO_LAYER) continue;
      layer[m] = (local[m] as number) + offset;
      queue.push(m);
    }
  };
  let head = 0;
  const spread = () => {
    for (; head < queue.length; head++) {
      const v = queue[head] as number;
      for (const w of graph.neighbours[v] as number[]) {
        if (layer[w] === NO_LAYER) place(w, (layer[v] as number) + 1 - (local[w] as number));
      }
    }
  };
  spread();
  // Parts with nothing placed yet: from their root, or from the topmost entity of the previous
  // picture, or from their first entity.
  const starts: number[] = [];
  for (let v = 0; v < n; v++) if (graph.isRoot[v]) starts.push(v);
  const placed: number[] = [];
  for (let v = 0; v < n; v++) if (graph.previous[v]) placed.push(v);
  placed.sort((a, b) => (graph.previous[a]?.y ?? 0) - (graph.previous[b]?.y ?? 0) || a - b);
  starts.push(...placed);
  for (let v = 0; v < n; v++) starts.push(v);
  for (const v of starts) {
    if (layer[v] !== NO_LAYER) continue;
    place(v, 0);
    spread();
  }
  return layer;
}
