import cytoscape, { type ElementDefinition } from "cytoscape";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LayoutSession, type PositionsFn } from "./layout-session";
import { FIRST_PICTURE_PATIENCE_MS } from "./layout-timing";
import type { Point } from "./layouts/point";
import { makeSnapshot } from "./snapshot-fixture";
import { toElements } from "./to-elements";

const view = { rel: null, dup: "show", highlighted: new Set<string>() } as const;

/** The graph as it streams in: the root, then one more blocker per answer. */
function streamed(count: number): ElementDefinition[] {
  const keys = Array.from({ length: count }, (_, n) => `CASE:n${n}`);
  const links = keys.slice(1).map((key) => [key, "BLOCKS", "CASE:n0"] as const);
  return toElements(makeSnapshot(keys, links), view);
}

/** A layout that puts nodes in a row, counting how often it was asked. */
function rowLayout() {
  const calls: number[] = [];
  const compute = vi.fn<PositionsFn>(async (elements) => {
    const positions = new Map<string, Point>();
    for (const d of elements) {
      if (d.data.source === undefined && d.data.id) {
        positions.set(d.data.id, { x: positions.size * 300, y: 0 });
      }
    }
    calls.push(positions.size);
    return positions;
  });
  return { compute, calls };
}

const cores: cytoscape.Core[] = [];

function session(compute: PositionsFn) {
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cores.push(cy);
  const painted = vi.fn();
  const laidOut = vi.fn();
  const layout = new LayoutSession(cy, compute, {
    onLaidOut: laidOut,
    onPainted: painted,
    keepClasses: [],
  });
  return { cy, layout, painted, laidOut };
}

/** Lets what an update started (a layout's promise, a frame, a yield) run, on fake time. */
const settle = () => vi.advanceTimersByTimeAsync(50);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
  vi.useRealTimers();
});

describe("LayoutSession's first picture", () => {
  it("computes no layout while the data streams in, and one once it settles", async () => {
    const { compute, calls } = rowLayout();
    const { cy, layout, laidOut } = session(compute);
    for (let count = 1; count <= 6; count++) {
      const elements = streamed(count);
      layout.update(elements, elements, false);
      await settle();
    }
    expect(compute).not.toHaveBeenCalled();
    expect(cy.elements()).toHaveLength(0);

    const settled = streamed(7);
    layout.update(settled, settled, true);
    await settle();
    // One layout, of the whole settled graph, and every node created where it put it.
    expect(calls).toEqual([7]);
    expect(laidOut).toHaveBeenCalledTimes(1);
    expect(cy.nodes()).toHaveLength(7);
    expect(cy.getElementById("CASE:n6").position()).toEqual({ x: 1800, y: 0 });
    expect(cy.edges()).toHaveLength(6);
  });

  it("draws what has arrived once its patience runs out, if the data never settles", async () => {
    const { compute, calls } = rowLayout();
    const { cy, layout } = session(compute);
    const partial = streamed(3);
    layout.update(partial, partial, false);
    await vi.advanceTimersByTimeAsync(FIRST_PICTURE_PATIENCE_MS - 100);
    expect(compute).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([3]);
    expect(cy.nodes()).toHaveLength(3);
    expect(cy.getElementById("CASE:n2").position()).toEqual({ x: 600, y: 0 });
  });

  it("after a remount, computes nothing either until the data settles, keeping the adopted picture", async () => {
    const { compute, calls } = rowLayout();
    const { cy, layout } = session(compute);
    const before = streamed(2);
    layout.adopt(
      new Map([
        ["CASE:n0", { x: 0, y: 0 }],
        ["CASE:n1", { x: 300, y: 0 }],
      ]),
      {
        name: "layered",
        focus: new Set(),
        ids: new Set(before.map((d) => String(d.data.id))),
      },
    );
    for (let count = 2; count <= 5; count++) {
      const elements = streamed(count);
      layout.update(elements, elements, false);
      // Past the quiet wait between layouts, which a Core with a picture would lay out after.
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(compute).not.toHaveBeenCalled();
    expect(cy.getElementById("CASE:n1").position()).toEqual({ x: 300, y: 0 });

    const settled = streamed(5);
    layout.update(settled, settled, true);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([5]);
    expect(cy.nodes()).toHaveLength(5);
  });

  it("drops its wait for patience once the data settles: painted, and nothing left to run", async () => {
    const { compute } = rowLayout();
    const { cy, layout, painted } = session(compute);
    // cytoscape's own animation ticker runs on a timer too.
    const idle = vi.getTimerCount();
    const elements = streamed(4);
    layout.update(elements, elements, false);
    await settle();
    expect(vi.getTimerCount()).toBe(idle + 1);
    layout.update(elements, elements, true);
    await settle();
    expect(painted).toHaveBeenCalledTimes(1);
    expect(cy.nodes()).toHaveLength(4);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(idle);
  });
});

describe("LayoutSession creating a picture in slices", () => {
  it("skips the frames between slices after the first, and lets the finished picture draw", async () => {
    // Each look at the clock is 20 ms later: a slice is two steps of creation, so this graph
    // takes several slices whatever the machine.
    let now = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => {
      now += 20;
      return now;
    });
    try {
      const { compute } = rowLayout();
      const { cy, layout } = session(compute);
      // The flag cytoscape's render loop reads (partial-frames.ts), recorded as it is set.
      const sets: boolean[] = [];
      let skipFrame = false;
      Object.defineProperty((cy as unknown as { renderer(): object }).renderer(), "skipFrame", {
        get: () => skipFrame,
        set: (value: boolean) => {
          sets.push(value);
          skipFrame = value;
        },
      });
      // Each time creation yields to the page, the page has a frame: drawn (cytoscape's render
      // loop reports it) unless the flag is set, which the loop then clears.
      const frames = { drawn: 0, skipped: 0 };
      vi.stubGlobal("scheduler", {
        yield: () => {
          if (skipFrame) frames.skipped += 1;
          else {
            frames.drawn += 1;
            cy.emit("render");
          }
          skipFrame = false;
          return Promise.resolve();
        },
      });
      const elements = streamed(400);
      layout.update(elements, elements, true);
      await vi.advanceTimersByTimeAsync(500);
      expect(cy.elements()).toHaveLength(elements.length);
      expect(frames.drawn, "the first slice, then one every PARTIAL_FRAME_MS").toBeGreaterThan(1);
      expect(frames.skipped).toBeGreaterThan(frames.drawn);
      // Creation ended by clearing the flag: the finished picture is drawn on the next frame.
      expect(sets.at(-1)).toBe(false);
    } finally {
      clock.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
