import type { Core } from "cytoscape";
import { createRoot } from "react-dom/client";
// The product's global styles, as the app loads them (the canvas's live region uses them).
import "../../client/src/styles/base.css";
import { GraphCanvas } from "../../client/src/features/graph/canvas";
import type { CanvasView } from "../../client/src/features/graph/canvas/canvas-types";
import type { GraphNode, GraphSnapshot } from "../../client/src/lib/graph-types";
import { summarise, watchLongTasks } from "./measure";
import type { BenchWindow, ElementJson, SnapshotJson } from "./page-api";

/** What the product shows by default: every relationship, duplicates shown, layered layout. */
const VIEW: CanvasView = {
  rel: null,
  dup: "show",
  layout: "layered",
  highlighted: new Set(),
  selected: null,
  focus: new Set(),
};

/** Time the layout worker spends per request: wraps Worker so the canvas code stays untouched. */
const workerSpans: { sent: number; answered?: number }[] = [];
const NativeWorker = window.Worker;
window.Worker = class TimedWorker extends NativeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    this.addEventListener("message", () => {
      const open = workerSpans.find((span) => span.answered === undefined);
      if (open) open.answered = performance.now();
    });
  }
  override postMessage(
    message: unknown,
    options?: StructuredSerializeOptions | Transferable[],
  ): void {
    workerSpans.push({ sent: performance.now() });
    if (Array.isArray(options)) super.postMessage(message, options);
    else super.postMessage(message, options);
  }
};

/** cytoscape keeps its Core on the container it drew into; the canvas does not hand it out. */
function findCore(host: HTMLElement): Core | null {
  for (const element of host.querySelectorAll("div")) {
    const registration = (element as HTMLElement & { _cyreg?: { cy?: Core } })._cyreg;
    if (registration?.cy) return registration.cy;
  }
  return null;
}

function waitForCore(host: HTMLElement): Promise<Core> {
  return new Promise((resolve) => {
    const look = () => {
      const cy = findCore(host);
      if (cy) resolve(cy);
      else setTimeout(look, 0);
    };
    look();
  });
}

/** What the canvas records once the final layout of settled data is on screen. */
const PAINTED = "casegraph:painted";

/** A canvas that never records the mark is a failed figure, not a bench that hangs. */
const PAINTED_WAIT_MS = 180_000;

/** The `casegraph:painted` mark's time, as soon as the canvas records it. */
function painted(): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the canvas recorded no ${PAINTED} within ${PAINTED_WAIT_MS / 1000} s`));
    }, PAINTED_WAIT_MS);
    const observer = new PerformanceObserver((list) => {
      const mark = list.getEntriesByName(PAINTED)[0];
      if (!mark) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve(mark.startTime);
    });
    observer.observe({ type: "mark", buffered: true });
  });
}

const bench = window as Window & BenchWindow;

bench.benchCanvas = async (json: SnapshotJson) => {
  const snapshot: GraphSnapshot = {
    rootKey: json.rootKey,
    nodes: new Map(json.nodes.map((n): [string, GraphNode] => [n.key, n])),
    edges: json.edges,
    incomplete: false,
  };
  const host = document.getElementById("app");
  if (!host) throw new Error("no #app");
  const longTasks = watchLongTasks();
  const done = painted();
  const started = performance.now();
  // Settled: the data is complete, so the canvas records `casegraph:painted` once its final
  // layout is drawn, exactly as it does in the product.
  const props = { snapshot, view: VIEW, onSelect: () => {}, settled: true };
  createRoot(host).render(<GraphCanvas {...props} />);
  const cy = await waitForCore(host);
  const finished = await done;
  const result = summarise(started, finished, longTasks(), cy.nodes().length);
  const elements: ElementJson[] = cy.elements().map((element) => ({
    group: element.isNode() ? "nodes" : "edges",
    data: element.data() as Record<string, string | number>,
    classes: element.classes().join(" "),
    ...(element.isNode() ? { position: { ...element.position() } } : {}),
  }));
  const layoutWorkerMs = workerSpans.reduce((t, s) => t + ((s.answered ?? s.sent) - s.sent), 0);
  return { ...result, elements, layoutWorkerMs };
};
