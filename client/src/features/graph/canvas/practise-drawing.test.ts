import { ENTITY_TYPES, RELATIONSHIPS } from "@casegraph/server/contract";
import cytoscape from "cytoscape";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SpareTimeScheduler } from "../../../lib/spare-time";
import { addReadyToDraw } from "./add-ready-to-draw";
import { spyOnEdgeGeometry } from "./edge-geometry-spy";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { planDetours } from "./link-detours";
import {
  forgetPractice,
  PRACTICE_NODES,
  practiceElements,
  practiceSnapshot,
  practiseDrawingInSpareTime,
  stopPractising,
} from "./practise-drawing";
import { stubCanvasContext } from "./stub-canvas-context";

// The real element creation, watched: which spare-time task created elements.
vi.mock("./add-ready-to-draw", async (original) => {
  const actual = await original<typeof import("./add-ready-to-draw")>();
  return { ...actual, addReadyToDraw: vi.fn(actual.addReadyToDraw) };
});

// The real planner, watched: the practice should run it once, on the whole practice picture.
vi.mock("./link-detours", async (original) => {
  const actual = await original<typeof import("./link-detours")>();
  return { ...actual, planDetours: vi.fn(actual.planDetours) };
});

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

/** Counts Cores destroyed from now on (the practice's Core is its own, never handed out). */
function spyOnDestroy() {
  const probe = cytoscape({ headless: true });
  const prototype = Object.getPrototypeOf(probe) as { destroy(): unknown };
  probe.destroy();
  const spy = vi.spyOn(prototype, "destroy");
  return { calls: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
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
    const destroyed = spyOnDestroy();
    spies.push(geometry, destroyed);
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
    // Nothing of the practice is left: its Core (and the render loop with it) is gone.
    expect(destroyed.calls()).toBe(1);
  });

  it("plans the practice picture's link detours once, in a task of its own after the last element", () => {
    const plan = vi.mocked(planDetours);
    const create = vi.mocked(addReadyToDraw);
    plan.mockClear();
    const spare = manualSpareTime();
    practiseDrawingInSpareTime(GRAPH_STYLESHEET, spare.scheduler);
    const links = practiceElements().filter((d) => d.data.source !== undefined);
    // Per spare-time task: elements created, plans made.
    const tasks: { created: number; planned: number }[] = [];
    while (spare.waiting && tasks.length < 10_000) {
      const [created, planned] = [create.mock.calls.length, plan.mock.calls.length];
      spare.run();
      tasks.push({
        created: create.mock.calls.length - created,
        planned: plan.mock.calls.length - planned,
      });
    }
    expect(plan).toHaveBeenCalledTimes(1);
    const planning = tasks.findIndex((task) => task.planned > 0);
    expect(planning, "after the creation, the last task").toBe(tasks.length - 1);
    expect(tasks[planning]?.created, "the planning task creates nothing").toBe(0);
    const [boxes, ends] = plan.mock.calls[0] ?? [];
    expect(boxes?.size).toBe(PRACTICE_NODES);
    expect(ends).toHaveLength(links.length);
    // Links that skip two nodes of a row run behind them: the planner's detour code ran.
    expect(plan.mock.results[0]?.value.size).toBeGreaterThan(0);
  });

  it("stopped midway, destroys the Core it had made", () => {
    const destroyed = spyOnDestroy();
    spies.push(destroyed);
    const spare = manualSpareTime();
    practiseDrawingInSpareTime(GRAPH_STYLESHEET, spare.scheduler);
    spare.run();
    expect(spare.waiting, "more practice to come").toBe(true);
    expect(destroyed.calls()).toBe(0);
    stopPractising();
    expect(destroyed.calls()).toBe(1);
    expect(spare.waiting).toBe(false);
  });

  it("a practice that fails destroys its Core and lets the error reach the page", () => {
    const destroyed = spyOnDestroy();
    spies.push(destroyed);
    const failing = [
      ...GRAPH_STYLESHEET,
      {
        selector: "edge",
        style: {
          width: () => {
            throw new Error("style broke");
          },
        },
      },
    ];
    const spare = manualSpareTime();
    practiseDrawingInSpareTime(failing, spare.scheduler);
    // The links come after the nodes, a few tasks in.
    expect(() => {
      while (spare.waiting) spare.run();
    }).toThrow("style broke");
    expect(destroyed.calls()).toBe(1);
    expect(spare.waiting).toBe(false);
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
