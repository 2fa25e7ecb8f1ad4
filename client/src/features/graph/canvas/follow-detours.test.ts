import cytoscape, { type Core } from "cytoscape";
import { afterEach, describe, expect, it, vi } from "vitest";
import { followDetours } from "./follow-detours";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { planDetours } from "./link-detours";
import { SlicedCreation } from "./sliced-creation";

// The real planner, watched: how often the whole picture is planned.
vi.mock("./link-detours", async (original) => {
  const actual = await original<typeof import("./link-detours")>();
  return { ...actual, planDetours: vi.fn(actual.planDetours) };
});

/** Detours are worked out once the moving code is done (a microtask). */
const afterTask = () => Promise.resolve();

const cores: Core[] = [];
afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A three-case deadlock in one column, drawn with the canvas's stylesheet. */
function deadlockColumn(): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
  cores.push(cy);
  const node = (id: string, y: number) => ({
    group: "nodes" as const,
    data: { id, kind: "case", label: id },
    position: { x: 0, y },
  });
  const edge = (source: string, target: string) => ({
    group: "edges" as const,
    data: { id: `${source}-${target}`, source, target, rel: "BLOCKS" },
  });
  cy.add([
    node("top", 0),
    node("middle", 160),
    node("bottom", 320),
    edge("top", "middle"),
    edge("middle", "bottom"),
    edge("bottom", "top"),
  ]);
  return cy;
}

const curve = (cy: Core, id: string) => cy.getElementById(id).style("curve-style");

describe("followDetours", () => {
  it("bends the link that runs behind a node, and only that one", async () => {
    const cy = deadlockColumn();
    followDetours(cy);
    await afterTask();
    expect(curve(cy, "bottom-top")).toBe("round-segments");
    expect(cy.getElementById("bottom-top").style("edge-distances")).toBe("node-position");
    expect(curve(cy, "top-middle")).toBe("bezier");
    expect(curve(cy, "middle-bottom")).toBe("bezier");
  });

  it("follows the nodes: straight again when the node in the way moves off, bent when it comes back", async () => {
    const cy = deadlockColumn();
    followDetours(cy);
    await afterTask();
    const middle = cy.getElementById("middle");
    middle.position({ x: 600, y: 160 });
    await afterTask();
    expect(curve(cy, "bottom-top")).toBe("bezier");
    middle.position({ x: 0, y: 160 });
    await afterTask();
    expect(curve(cy, "bottom-top")).toBe("round-segments");
    // A node that was never linked to the line moving in front of it bends it as well.
    middle.position({ x: 600, y: 160 });
    cy.add({ group: "nodes", data: { id: "stranger", kind: "case" }, position: { x: 0, y: 160 } });
    await afterTask();
    expect(curve(cy, "bottom-top")).toBe("round-segments");
    cy.getElementById("stranger").remove();
    await afterTask();
    expect(curve(cy, "bottom-top")).toBe("bezier");
  });

  it("stops following once cleaned up", async () => {
    const cy = deadlockColumn();
    const stop = followDetours(cy);
    await afterTask();
    stop();
    cy.getElementById("middle").position({ x: 600, y: 160 });
    await afterTask();
    expect(curve(cy, "bottom-top")).toBe("round-segments");
  });

  it("plans once when a draw created slice by slice is all in, not after every slice", async () => {
    vi.useFakeTimers();
    // Each look at the clock is 10 ms later: a 30 ms slice is a few steps.
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => (now += 10));
    const cy = cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLESHEET });
    cores.push(cy);
    followDetours(cy);
    await afterTask();
    const plan = vi.mocked(planDetours);
    plan.mockClear();
    const column = deadlockColumn();
    const nodes = column
      .nodes()
      .map((n) => ({ group: "nodes" as const, data: n.data(), position: n.position() }));
    // A row of cases far to the side, so that the draw takes several slices.
    for (let i = 0; i < 1_000; i++)
      nodes.push({
        group: "nodes",
        data: { id: `far${i}`, kind: "case", label: "far" },
        position: { x: 2_000 + i * 250, y: 0 },
      });
    const edges = column.edges().map((e) => ({ group: "edges" as const, data: e.data() }));
    const afterSlice = vi.fn();
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice });
    creation.create(nodes, edges, performance.now(), () => true);
    // Timers and the microtasks between them (where detours are planned) run slice by slice.
    await vi.advanceTimersByTimeAsync(1_000);
    await afterTask();
    expect(creation.busy).toBe(false);
    expect(afterSlice.mock.calls.length, "the draw took several slices").toBeGreaterThan(3);
    expect(cy.elements()).toHaveLength(nodes.length + edges.length);
    expect(plan).toHaveBeenCalledTimes(1);
    expect(curve(cy, "bottom-top")).toBe("round-segments");
  });

  it("plans nothing for a draw that creates nothing", async () => {
    const cy = deadlockColumn();
    followDetours(cy);
    await afterTask();
    const plan = vi.mocked(planDetours);
    plan.mockClear();
    const creation = new SlicedCreation(cy, { redraw: vi.fn(), afterSlice: vi.fn() });
    creation.create([], [], performance.now(), () => true);
    await afterTask();
    expect(plan).not.toHaveBeenCalled();
  });
});
