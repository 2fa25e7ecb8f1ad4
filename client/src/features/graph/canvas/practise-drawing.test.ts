import { ENTITY_TYPES, RELATIONSHIPS } from "@casegraph/server/contract";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spyOnEdgeGeometry } from "./edge-geometry-spy";
import { GRAPH_STYLESHEET } from "./graph-styles";
import {
  forgetPractice,
  PRACTICE_NODES,
  practiceElements,
  practiceSnapshot,
  practiseDrawingInSpareTime,
  type SpareTimeScheduler,
  stopPractising,
} from "./practise-drawing";
import { stubCanvasContext } from "./stub-canvas-context";

let restoreCanvas: () => void;
beforeAll(() => {
  restoreCanvas = stubCanvasContext();
});
afterAll(() => restoreCanvas());

/** Spare time on demand: each `run()` is one spare-time task of the page. */
function manualSpareTime() {
  let waiting: (() => void) | null = null;
  let cancelled = 0;
  const scheduler: SpareTimeScheduler = {
    request(callback) {
      waiting = callback;
    },
    cancel() {
      waiting = null;
      cancelled += 1;
    },
  };
  return {
    scheduler,
    get waiting() {
      return waiting !== null;
    },
    get cancelled() {
      return cancelled;
    },
    run() {
      const callback = waiting;
      waiting = null;
      callback?.();
    },
  };
}

const spies: { restore(): void }[] = [];
afterEach(() => {
  for (const spy of spies.splice(0)) spy.restore();
  forgetPractice();
});

describe("practiceSnapshot", () => {
  it("has every entity type and relationship the canvas styles, and titles that wrap", () => {
    const snapshot = practiceSnapshot();
    const nodes = [...snapshot.nodes.values()];
    expect(nodes).toHaveLength(PRACTICE_NODES);
    expect(new Set(nodes.map((n) => n.type))).toEqual(new Set(ENTITY_TYPES));
    expect(new Set(snapshot.edges.map((e) => e.relationship))).toEqual(new Set(RELATIONSHIPS));
    expect(new Set(nodes.map((n) => n.labelStatus))).toEqual(new Set(["done", "pending", "error"]));
    expect(nodes.some((n) => n.frontier)).toBe(true);
    for (const edge of snapshot.edges) {
      expect(snapshot.nodes.has(edge.source) && snapshot.nodes.has(edge.target)).toBe(true);
    }
  });

  it("becomes element definitions with a position for every node, nodes before links", () => {
    const elements = practiceElements();
    const firstLink = elements.findIndex((d) => d.data.source !== undefined);
    expect(firstLink).toBe(PRACTICE_NODES);
    for (const node of elements.slice(0, firstLink)) expect(node.position).toBeDefined();
    const spots = new Set(
      elements.slice(0, firstLink).map((d) => `${d.position?.x},${d.position?.y}`),
    );
    expect(spots.size).toBe(PRACTICE_NODES);
  });
});

describe("practiseDrawingInSpareTime", () => {
  it("creates the whole practice graph with cytoscape's renderer, task by task, then stops", () => {
    const geometry = spyOnEdgeGeometry();
    spies.push(geometry);
    const spare = manualSpareTime();
    practiseDrawingInSpareTime(GRAPH_STYLESHEET, spare.scheduler);
    let tasks = 0;
    while (spare.waiting && tasks < 10_000) {
      spare.run();
      tasks += 1;
    }
    expect(spare.waiting).toBe(false);
    // The renderer worked out the geometry of every practice link: its code has run.
    const links = practiceElements().filter((d) => d.data.source !== undefined);
    expect(new Set(geometry.computed())).toEqual(new Set(links.map((d) => d.data.id)));
    // Nothing of the practice is left in the page.
    expect(document.body.children).toHaveLength(0);
  });

  it("stops where it is when the real picture starts, and practises once per page", () => {
    const geometry = spyOnEdgeGeometry();
    spies.push(geometry);
    const spare = manualSpareTime();
    practiseDrawingInSpareTime(GRAPH_STYLESHEET, spare.scheduler);
    expect(spare.waiting).toBe(true);
    stopPractising();
    expect(spare.waiting).toBe(false);
    expect(spare.cancelled).toBe(1);
    expect(geometry.computed()).toEqual([]);

    const again = manualSpareTime();
    practiseDrawingInSpareTime(GRAPH_STYLESHEET, again.scheduler);
    expect(again.waiting).toBe(false);
  });

  it("practises nothing where the page has no spare-time scheduling", () => {
    expect(() => practiseDrawingInSpareTime(GRAPH_STYLESHEET, null)).not.toThrow();
    const spare = manualSpareTime();
    // The page never practised, so a later call with a scheduler still may.
    practiseDrawingInSpareTime(GRAPH_STYLESHEET, spare.scheduler);
    expect(spare.waiting).toBe(true);
  });
});
