import type { Core, EventObject } from "cytoscape";
import { createRoot } from "react-dom/client";
import { GraphCanvas } from "../../client/src/features/graph/canvas";
import type { CanvasView } from "../../client/src/features/graph/canvas/canvas-types";
import type { GraphNode, GraphSnapshot } from "../../client/src/lib/graph-types";
import { afterPaint, summarise, watchLongTasks } from "./measure";
import type { BenchWindow, ElementJson, SnapshotJson } from "./page-api";

/** What the product shows by default: every relationship, duplicates shown, layered layout. */
const VIEW: CanvasView = {
  rel: null,
  dup: "show",
  layout: "layered",
  highlighted: new Set(),
  selected: null,
};

/** Time the ELK worker spends per request: wraps Worker so the canvas code stays untouched. */
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

/**
 * The last step of a layered layout: the preset layout that applies ELK's positions, or, for
 * graphs too big for ELK, the rows-by-hop (breadthfirst) layout.
 */
const LAYERED_FINAL_STEPS = new Set(["preset", "breadthfirst"]);

function presetDone(cy: Core, nodes: number): Promise<void> {
  return new Promise((resolve) => {
    // The rows-by-hop layout runs synchronously: it may be over before we could listen.
    const laidOut = cy
      .nodes()
      .toArray()
      .some((node) => node.position().x !== 0 || node.position().y !== 0);
    if (cy.nodes().length >= nodes && laidOut) {
      resolve();
      return;
    }
    const onStop = (event: EventObject) => {
      const layout = (event as EventObject & { layout?: { options?: { name?: string } } }).layout;
      const name = layout?.options?.name ?? "";
      if (!LAYERED_FINAL_STEPS.has(name) || cy.nodes().length < nodes) return;
      cy.off("layoutstop", onStop);
      resolve();
    };
    cy.on("layoutstop", onStop);
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
  const started = performance.now();
  createRoot(host).render(<GraphCanvas snapshot={snapshot} view={VIEW} onSelect={() => {}} />);
  const cy = await waitForCore(host);
  await presetDone(cy, json.nodes.length);
  await afterPaint();
  const finished = performance.now();
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
