/**
 * What the bench pages expose on `window`, shared by the pages and the Node side that drives
 * them. No imports: this file is compiled into the browser bundle.
 */
export interface SnapshotJson {
  rootKey: string;
  nodes: {
    key: string;
    type: string;
    id: string;
    hop: number;
    label: {
      type: "CASE" | "INCIDENT";
      id: string;
      key?: string;
      title?: string;
      status?: string;
      priority?: string;
    };
    labelStatus: "done";
    linksStatus: "done";
    frontier: false;
  }[];
  edges: { id: string; source: string; target: string; relationship: string }[];
}

/** A cytoscape element definition as plain JSON, nodes with the position the canvas gave them. */
export interface ElementJson {
  group: "nodes" | "edges";
  data: Record<string, string | number>;
  classes?: string;
  position?: { x: number; y: number };
}

export interface DrawResult {
  /** From having the data to the first frame painted after the layout was applied. */
  ms: number;
  /** Longest main-thread task (PerformanceObserver 'longtask', > 50 ms) meanwhile; 0 if none. */
  longestTaskMs: number;
  longTasks: number;
  nodes: number;
}

export interface CanvasResult extends DrawResult {
  /** The same elements, with the positions the layout chose, for the raw cytoscape baseline. */
  elements: ElementJson[];
  /** Of `ms`, the time layouts took in Web Workers (request sent → answer received). */
  layoutWorkerMs: number;
}

export interface BenchWindow {
  /** The data for the next run, handed over before it starts (render-bench.ts handOver). */
  benchInput?: unknown;
  benchCanvas?: (snapshot: SnapshotJson) => Promise<CanvasResult>;
  benchRaw?: (elements: ElementJson[]) => Promise<DrawResult>;
  benchFloorReady?: boolean;
}
