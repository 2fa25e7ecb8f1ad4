import cytoscape, { type ElementDefinition } from "cytoscape";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CREATED_EVENT, creationPending, SlicedCreation } from "./sliced-creation";

const cores: cytoscape.Core[] = [];

/** A headless Core whose view is 1,000 × 1,000 px centred on the origin. */
function core() {
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cores.push(cy);
  vi.spyOn(cy, "extent").mockReturnValue({
    x1: -500,
    y1: -500,
    x2: 500,
    y2: 500,
    w: 1_000,
    h: 1_000,
  });
  return cy;
}

/** `count` nodes on a line, the first farthest from the middle of the view. */
function row(count: number): ElementDefinition[] {
  return Array.from({ length: count }, (_, n) => ({
    group: "nodes" as const,
    data: { id: `n${n}` },
    position: { x: (count - n) * 100, y: 0 },
  }));
}

/** Each look at the clock is 10 ms later: a 30 ms slice is a few steps on any machine. */
function steppingClock() {
  let now = 0;
  return vi.spyOn(performance, "now").mockImplementation(() => {
    now += 10;
    return now;
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  // No scheduler.yield in jsdom: creation yields with a timer, which fake time runs.
});

afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("SlicedCreation", () => {
  it("creates the nodes nearest the middle of the view first, then the links, in slices", async () => {
    steppingClock();
    const cy = core();
    const afterSlice = vi.fn();
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice });
    const nodes = row(200);
    const edges = [{ group: "edges" as const, data: { id: "e", source: "n0", target: "n199" } }];
    const order: string[] = [];
    cy.on("add", (event) => {
      order.push(event.target.id());
    });
    creation.create(nodes, edges, performance.now(), () => true);
    // The first slice is in this task; the rest wait for the page to have its turn.
    const firstSlice = cy.elements().length;
    expect(firstSlice).toBeGreaterThan(0);
    expect(firstSlice).toBeLessThan(201);
    expect(creation.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(creation.busy).toBe(false);
    expect(cy.elements()).toHaveLength(201);
    expect(afterSlice.mock.calls.length).toBeGreaterThan(0);
    // n199 is at x = 100, n0 at x = 20,000: nearest first, the link last.
    expect(order[0]).toBe("n199");
    expect(order.at(-2)).toBe("n0");
    expect(order.at(-1)).toBe("e");
    for (const node of nodes) {
      expect(cy.getElementById(String(node.data.id)).position()).toEqual(node.position);
    }
  });

  it("asks for a fresh draw instead of going on when what it was queued from has changed", async () => {
    steppingClock();
    const cy = core();
    const redraw = vi.fn();
    const creation = new SlicedCreation(cy, { redraw, afterSlice: vi.fn() });
    let stands = true;
    creation.create(row(200), [], performance.now(), () => stands);
    const firstSlice = cy.nodes().length;
    stands = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(redraw).toHaveBeenCalledTimes(1);
    // Nothing more of the stale queue was created.
    expect(cy.nodes()).toHaveLength(firstSlice);
  });

  it("a new queue replaces the one still being created", async () => {
    steppingClock();
    const cy = core();
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice: vi.fn() });
    creation.create(row(200), [], performance.now(), () => true);
    const replacement = [
      { group: "nodes" as const, data: { id: "only" }, position: { x: 0, y: 0 } },
    ];
    creation.create(replacement, [], performance.now(), () => true);
    await vi.advanceTimersByTimeAsync(500);
    expect(cy.getElementById("only").nonempty()).toBe(true);
    expect(cy.getElementById("n0").empty()).toBe(true);
    expect(creation.busy).toBe(false);
  });

  it("is pending from the first slice to the last, then says so once", async () => {
    steppingClock();
    const cy = core();
    const created = vi.fn();
    cy.on(CREATED_EVENT, created);
    // Each slice after a yield: still pending, and not said to be done, until the last.
    const pendingAfter: boolean[] = [];
    const afterSlice = vi.fn(() => {
      pendingAfter.push(creationPending(cy));
      if (creationPending(cy)) expect(created).not.toHaveBeenCalled();
    });
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice });
    expect(creationPending(cy)).toBe(false);
    creation.create(row(1_000), [], performance.now(), () => true);
    expect(creationPending(cy)).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(pendingAfter.length, "created in several slices").toBeGreaterThan(1);
    expect(pendingAfter.slice(0, -1).every(Boolean)).toBe(true);
    expect(pendingAfter.at(-1)).toBe(false);
    expect(cy.nodes()).toHaveLength(1_000);
    expect(creationPending(cy)).toBe(false);
    expect(created).toHaveBeenCalledTimes(1);
  });

  it("a queue dropped for a fresh draw ends the pending creation too", async () => {
    steppingClock();
    const cy = core();
    const created = vi.fn();
    cy.on(CREATED_EVENT, created);
    let stands = true;
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice: vi.fn() });
    creation.create(row(200), [], performance.now(), () => stands);
    stands = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(creationPending(cy)).toBe(false);
    expect(created).toHaveBeenCalledTimes(1);
  });

  it("a draw created in one slice is never pending", () => {
    const cy = core();
    const created = vi.fn();
    cy.on(CREATED_EVENT, created);
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice: vi.fn() });
    creation.create(row(3), [], performance.now(), () => true);
    expect(cy.nodes()).toHaveLength(3);
    expect(creationPending(cy)).toBe(false);
    expect(created).toHaveBeenCalledTimes(1);
  });

  it("a draw with nothing to create after a finished one says nothing", () => {
    const cy = core();
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice: vi.fn() });
    creation.create(row(3), [], performance.now(), () => true);
    const created = vi.fn();
    cy.on(CREATED_EVENT, created);
    creation.create([], [], performance.now(), () => true);
    expect(creationPending(cy)).toBe(false);
    expect(created).not.toHaveBeenCalled();
  });

  it("a draw cytoscape refuses an element of is over, not pending for ever", () => {
    const cy = core();
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice: vi.fn() });
    const orphan = { group: "edges" as const, data: { id: "e", source: "n0", target: "nowhere" } };
    expect(() => creation.create(row(3), [orphan], performance.now(), () => true)).toThrow();
    expect(creationPending(cy)).toBe(false);
  });
});
