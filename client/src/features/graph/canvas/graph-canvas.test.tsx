import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { Core } from "cytoscape";
import { StrictMode } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CanvasApi, CanvasView } from "./canvas-types";
import { spyOnEdgeGeometry } from "./edge-geometry-spy";
import { GraphCanvas, PAINTED_MARK } from "./graph-canvas";
import { FIRST_PICTURE_PATIENCE_MS } from "./layout-timing";
import { computePositions } from "./layouts/compute-positions";
import type { Point } from "./layouts/point";
import { LONG_EDGE_CLASS } from "./long-edges";
import { type FixtureLink, makeSnapshot } from "./snapshot-fixture";
import { stubCanvasContext } from "./stub-canvas-context";

// The layout itself is tested on its own (compute-positions.test.ts); here a stand-in puts
// nodes in one column by id, 120 apart, so positions are known and nothing waits for a layout worker.
vi.mock("./layouts/compute-positions", async (importOriginal) => {
  const original = await importOriginal<typeof import("./layouts/compute-positions")>();
  return { ...original, computePositions: vi.fn() };
});

const layoutSpy = vi.mocked(computePositions);

async function columnByIds(elements: Parameters<typeof computePositions>[0]) {
  const ids = elements
    .filter((d) => d.data.source === undefined)
    .map((d) => String(d.data.id))
    .sort();
  return new Map(ids.map((id, i) => [id, { x: 0, y: i * 120 }]));
}

let restoreCanvas: () => void;
beforeAll(() => {
  restoreCanvas = stubCanvasContext();
});
afterAll(() => restoreCanvas());
beforeEach(() => {
  layoutSpy.mockReset();
  layoutSpy.mockImplementation(columnByIds);
  performance.clearMarks(PAINTED_MARK);
});

const view = (overrides: Partial<CanvasView> = {}): CanvasView => ({
  rel: null,
  dup: "show",
  layout: "layered",
  highlighted: new Set(),
  selected: null,
  focus: new Set(),
  ...overrides,
});

const twoCases = makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]]);
const threeCases = makeSnapshot(
  ["CASE:a", "CASE:b", "CASE:c"],
  [
    ["CASE:a", "BLOCKS", "CASE:b"],
    ["CASE:b", "CAUSES", "CASE:c"],
  ],
);

/** Lets pending promise callbacks and frames (the session finishing, queued runs) happen. */
async function settle(ms = 0) {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)));
}

/** The Core the canvas draws on (cytoscape keeps it on its container). */
function drawingCore(): Core | null {
  const group = screen.getByRole("group", { name: "Case dependency graph" });
  for (const element of group.querySelectorAll("div")) {
    const cy = (element as HTMLElement & { _cyreg?: { cy?: Core } })._cyreg?.cy;
    if (cy && !cy.destroyed()) return cy;
  }
  return null;
}

/** The live Core once `count` nodes are drawn and no layout is pending. */
async function liveCore(count = 1, timeout = 4_000): Promise<Core> {
  let found: Core | null = null;
  await waitFor(
    () => {
      found = drawingCore();
      expect(found?.nodes().length ?? 0).toBeGreaterThanOrEqual(count);
    },
    { timeout },
  );
  await Promise.all(layoutSpy.mock.results.map((result) => result.value));
  await settle(20);
  return found as unknown as Core;
}

function deferredLayout() {
  let release: (positions: Map<string, Point>) => void = () => undefined;
  layoutSpy.mockImplementationOnce(
    () =>
      new Promise((resolve) => {
        release = resolve;
      }),
  );
  return (positions: Record<string, Point>) => release(new Map(Object.entries(positions)));
}

function overlaps(core: Core): boolean {
  const boxes = core.nodes().map((node) => node.boundingBox({ includeLabels: false }));
  return boxes.some((a, i) =>
    boxes.some((b, j) => j > i && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2),
  );
}

describe("GraphCanvas", () => {
  it("is a named group holding the snapshot's nodes and edges, where the layout put them", async () => {
    render(<GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />);
    expect(screen.getByRole("group", { name: "Case dependency graph" })).toBeInTheDocument();
    const core = await liveCore(2);
    expect(core.nodes().map((node) => node.id())).toEqual(["CASE:a", "CASE:b"]);
    expect(core.edges()).toHaveLength(1);
    expect(core.getElementById("CASE:b").position()).toEqual({ x: 0, y: 120 });
  });

  it("creates no node before the layout has given it a position, then creates each there", async () => {
    const release = deferredLayout();
    render(<GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />);
    await settle(20);
    expect(drawingCore()?.nodes()).toHaveLength(0);
    const added: Array<{ id: string; x: number; y: number }> = [];
    drawingCore()?.on("add", "node", (event) => {
      const { x, y } = event.target.position();
      added.push({ id: event.target.id(), x, y });
    });
    release({ "CASE:a": { x: 10, y: 20 }, "CASE:b": { x: 10, y: 200 } });
    const core = await liveCore(2);
    expect(added).toEqual([
      { id: "CASE:a", x: 10, y: 20 },
      { id: "CASE:b", x: 10, y: 200 },
    ]);
    expect(core.getElementById("CASE:b").position()).toEqual({ x: 10, y: 200 });
  });

  it("draws the first picture computing each link's geometry once", async () => {
    const geometry = spyOnEdgeGeometry();
    try {
      render(
        <GraphCanvas settled snapshot={threeCases} view={view()} onSelect={() => undefined} />,
      );
      const core = await liveCore(3);
      // One more frame: what the renderer still thought stale would be computed in it.
      await new Promise<void>((resolve) => {
        core.one("render", () => resolve());
        core.forceRender();
      });
      expect(geometry.computed().sort()).toEqual(
        core
          .edges()
          .map((edge) => edge.id())
          .sort(),
      );
    } finally {
      geometry.restore();
    }
  });

  it("keeps a large graph's long links drawn as long through a re-render", {
    timeout: 30_000,
  }, async () => {
    // Past LARGE_GRAPH_ELEMENTS: a chain 120 px a step, and one link from end to end.
    const keys = Array.from({ length: 520 }, (_, n) => `CASE:n${String(n).padStart(3, "0")}`);
    const chain = keys.slice(1).map((key, n): FixtureLink => [keys[n] as string, "CAUSES", key]);
    const first = keys[0] as string;
    const last = keys[keys.length - 1] as string;
    const snapshot = makeSnapshot(keys, [...chain, [first, "CAUSES", last]]);
    const { rerender } = render(
      <GraphCanvas settled snapshot={snapshot} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore(keys.length, 20_000);
    // Links are created after the nodes, in slices of their own: wait for all of them.
    await waitFor(() => expect(core.edges()).toHaveLength(keys.length), { timeout: 20_000 });
    const long = core.getElementById(`${first}>CAUSES>${last}`);
    const short = core.getElementById(`${first}>CAUSES>${keys[1]}`);
    expect(long.hasClass(LONG_EDGE_CLASS)).toBe(true);
    expect(short.hasClass(LONG_EDGE_CLASS)).toBe(false);
    // A highlight changes every element's definition, so the diff sets classes again.
    rerender(
      <GraphCanvas
        settled
        snapshot={snapshot}
        view={view({ highlighted: new Set([first, last]) })}
        onSelect={() => undefined}
      />,
    );
    await waitFor(() => expect(long.hasClass("highlighted")).toBe(true));
    expect(long.hasClass(LONG_EDGE_CLASS)).toBe(true);
  });

  it("puts a node that streams in beside a neighbour at once, free of the others, then lays out", async () => {
    const { rerender } = render(
      <GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore(2);
    const release = deferredLayout();
    rerender(
      <GraphCanvas
        settled={false}
        snapshot={threeCases}
        view={view()}
        onSelect={() => undefined}
      />,
    );
    // The layout has been asked for and cannot answer before release: CASE:c is drawn without
    // it, beside CASE:b, overlapping nothing.
    await waitFor(() => expect(layoutSpy).toHaveBeenCalledTimes(2));
    const c = core.getElementById("CASE:c");
    expect(c.nonempty()).toBe(true);
    expect(overlaps(core)).toBe(false);
    const b = core.getElementById("CASE:b").position();
    expect(Math.hypot(c.position().x - b.x, c.position().y - b.y)).toBeLessThan(200);
    release({ "CASE:a": { x: 0, y: 0 }, "CASE:b": { x: 0, y: 120 }, "CASE:c": { x: 0, y: 240 } });
    await waitFor(() => expect(core.getElementById("CASE:c").position()).toEqual({ x: 0, y: 240 }));
  });

  it("trap 1: after many re-renders a tap still selects exactly once", async () => {
    const onSelect = vi.fn();
    const { rerender } = render(
      <GraphCanvas settled snapshot={twoCases} view={view()} onSelect={onSelect} />,
    );
    const core = await liveCore(2);
    for (let i = 0; i < 12; i++) {
      rerender(
        <GraphCanvas
          settled
          snapshot={twoCases}
          view={view({ selected: i % 2 ? "CASE:a" : null })}
          onSelect={onSelect}
        />,
      );
    }
    core.getElementById("CASE:b").emit("tap");
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenLastCalledWith("CASE:b");
    core.emit("tap");
    expect(onSelect).toHaveBeenCalledTimes(2);
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it("trap 1: calls the latest onSelect, not the one from the first render", async () => {
    const first = vi.fn();
    const latest = vi.fn();
    const { rerender } = render(
      <GraphCanvas settled snapshot={twoCases} view={view()} onSelect={first} />,
    );
    const core = await liveCore(2);
    rerender(<GraphCanvas settled snapshot={twoCases} view={view()} onSelect={latest} />);
    core.getElementById("CASE:a").emit("tap");
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledWith("CASE:a");
  });

  it("trap 2: under StrictMode handlers and drawing follow the live Core", async () => {
    const onSelect = vi.fn();
    const onReady = vi.fn();
    render(
      <StrictMode>
        <GraphCanvas
          settled
          snapshot={twoCases}
          view={view()}
          onSelect={onSelect}
          onReady={onReady}
        />
      </StrictMode>,
    );
    const core = await liveCore(2);
    expect(core.destroyed()).toBe(false);
    expect(core.nodes()).toHaveLength(2);

    core.getElementById("CASE:a").emit("tap");
    expect(onSelect).toHaveBeenCalledTimes(1);

    const api = onReady.mock.calls.at(-1)?.[0] as CanvasApi;
    const before = core.zoom();
    api.zoomIn();
    expect(core.zoom()).toBeGreaterThan(before);
  });

  it("trap 3: re-renders for selection or highlight run no layout; a new node does", async () => {
    const { rerender } = render(
      <GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore(2);
    expect(layoutSpy).toHaveBeenCalledTimes(1);

    rerender(
      <GraphCanvas
        settled
        snapshot={twoCases}
        view={view({ selected: "CASE:a" })}
        onSelect={() => undefined}
      />,
    );
    rerender(
      <GraphCanvas
        settled
        snapshot={makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]])}
        view={view({ selected: "CASE:a", highlighted: new Set(["CASE:a"]) })}
        onSelect={() => undefined}
      />,
    );
    expect(core.getElementById("CASE:a").hasClass("selected")).toBe(true);
    expect(core.getElementById("CASE:b").hasClass("faded")).toBe(true);
    await settle(400);
    expect(layoutSpy).toHaveBeenCalledTimes(1);

    // The person pans the graph; from then on, arriving nodes must not move their viewport.
    // Highlighting brought CASE:a into view; that move ends first.
    await waitFor(() => expect(core.animated()).toBe(false));
    core.emit("dragpan");
    const viewport = { zoom: core.zoom(), pan: { ...core.pan() } };
    rerender(
      <GraphCanvas
        settled
        snapshot={threeCases}
        view={view({ selected: "CASE:a" })}
        onSelect={() => undefined}
      />,
    );
    await liveCore(3);
    await waitFor(() => expect(layoutSpy).toHaveBeenCalledTimes(2));
    await liveCore(3);
    expect({ zoom: core.zoom(), pan: core.pan() }).toEqual(viewport);
    expect(core.getElementById("CASE:c").position().y).toBeGreaterThan(
      core.getElementById("CASE:b").position().y,
    );
  });

  it("keeps the others in place and runs no layout when nodes go or links are filtered", async () => {
    const { rerender } = render(
      <GraphCanvas settled snapshot={threeCases} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore(3);
    const before = core.nodes().map((node) => ({ id: node.id(), ...node.position() }));
    rerender(<GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />);
    rerender(
      <GraphCanvas
        settled
        snapshot={twoCases}
        view={view({ rel: ["CAUSES"] })}
        onSelect={() => undefined}
      />,
    );
    await settle(300);
    expect(core.edges()).toHaveLength(0);
    expect(core.nodes().map((node) => ({ id: node.id(), ...node.position() }))).toEqual(
      before.filter((node) => node.id !== "CASE:c"),
    );
    // And back: the node returns to where it was, still without a layout.
    rerender(
      <GraphCanvas settled snapshot={threeCases} view={view()} onSelect={() => undefined} />,
    );
    await settle(300);
    expect(core.nodes().map((node) => ({ id: node.id(), ...node.position() }))).toEqual(before);
    expect(layoutSpy).toHaveBeenCalledTimes(1);
  });

  // Unsettled data is drawn only once the first picture's patience runs out: a bound on real
  // time well past it, so that a busy machine does not fail the test.
  it("records casegraph:painted once the final layout of settled data is drawn", {
    timeout: 30_000,
  }, async () => {
    const { rerender } = render(
      <GraphCanvas settled={false} snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    await liveCore(2, FIRST_PICTURE_PATIENCE_MS + 15_000);
    expect(performance.getEntriesByName(PAINTED_MARK)).toHaveLength(0);
    rerender(
      <GraphCanvas snapshot={threeCases} view={view()} settled onSelect={() => undefined} />,
    );
    await waitFor(() => expect(performance.getEntriesByName(PAINTED_MARK)).toHaveLength(1));
    expect(drawingCore()?.nodes()).toHaveLength(3);
  });

  it("trap 3: switching layouts re-runs the layout", async () => {
    const { rerender } = render(
      <GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    await liveCore(2);
    rerender(
      <GraphCanvas
        settled
        snapshot={twoCases}
        view={view({ layout: "concentric" })}
        onSelect={() => undefined}
      />,
    );
    await waitFor(() => expect(layoutSpy).toHaveBeenCalledTimes(2));
    expect(layoutSpy.mock.calls[1]?.[1]).toBe("concentric");
  });

  it("trap 4: applies its own diff, so unchanged nodes stay the same elements in place", async () => {
    const renderSpy = vi.spyOn(CytoscapeComponent.prototype, "render");
    const { rerender } = render(
      <GraphCanvas settled snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore(2);
    const nodeA = core.getElementById("CASE:a");
    const placed = { ...nodeA.position() };
    rerender(
      <GraphCanvas
        settled
        snapshot={makeSnapshot(
          [{ key: "CASE:a", label: { key: "OPS-1" } }, "CASE:b"],
          [["CASE:a", "BLOCKS", "CASE:b"]],
        )}
        view={view()}
        onSelect={() => undefined}
      />,
    );
    const after = core.getElementById("CASE:a");
    expect(after.same(nodeA)).toBe(true);
    expect(after.position()).toEqual(placed);
    expect(after.data("label")).toBe("OPS-1");
    await settle();
    expect(layoutSpy).toHaveBeenCalledTimes(1);
    // react-cytoscapejs only ever saw one and the same empty list, so it never diffed anything.
    const given = renderSpy.mock.contexts.map((c) => (c as CytoscapeComponent).props.elements);
    expect(given.length).toBeGreaterThan(1);
    expect(new Set(given).size).toBe(1);
    expect(given[0]).toEqual([]);
    renderSpy.mockRestore();
  });

  it("highlights a hovered node's neighbourhood and clears it on mouseout", async () => {
    render(<GraphCanvas settled snapshot={threeCases} view={view()} onSelect={() => undefined} />);
    const core = await liveCore(3);
    core.getElementById("CASE:a").emit("mouseover");
    expect(core.getElementById("CASE:a").hasClass("highlighted")).toBe(true);
    expect(core.getElementById("CASE:b").hasClass("highlighted")).toBe(true);
    expect(core.getElementById("CASE:c").hasClass("faded")).toBe(true);
    core.getElementById("CASE:a").emit("mouseout");
    expect(core.elements(".highlighted, .faded")).toHaveLength(0);
  });

  it("selects the original when a collapsed duplicate cluster is tapped", async () => {
    const onSelect = vi.fn();
    const dupes = makeSnapshot(
      ["CASE:a", "CASE:b", "CASE:c"],
      [
        ["CASE:a", "BLOCKS", "CASE:b"],
        ["CASE:c", "DUPLICATES", "CASE:b"],
      ],
    );
    render(
      <GraphCanvas settled snapshot={dupes} view={view({ dup: "collapse" })} onSelect={onSelect} />,
    );
    const core = await liveCore(2);
    expect(core.getElementById("CASE:c").empty()).toBe(true);
    expect(core.getElementById("CASE:b").data("duplicates")).toBe(1);
    core.getElementById("CASE:b").emit("tap");
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenLastCalledWith("CASE:b");
  });

  it("moves the selection along links with the arrow keys, says so, and Escape clears it", async () => {
    const onSelect = vi.fn();
    const { rerender } = render(
      <GraphCanvas
        settled
        snapshot={threeCases}
        view={view({ selected: "CASE:a" })}
        onSelect={onSelect}
      />,
    );
    await liveCore(3);
    const surface = screen.getByRole("application");
    expect(surface).toHaveAttribute("tabindex", "0");
    fireEvent.keyDown(surface, { key: "ArrowDown" });
    expect(onSelect).toHaveBeenLastCalledWith("CASE:b");
    expect(screen.getByText(/^Selected .*\bb\b/)).toBeInTheDocument();
    rerender(
      <GraphCanvas
        settled
        snapshot={threeCases}
        view={view({ selected: "CASE:b" })}
        onSelect={onSelect}
      />,
    );
    fireEvent.keyDown(surface, { key: "ArrowUp" });
    expect(onSelect).toHaveBeenLastCalledWith("CASE:a");
    fireEvent.keyDown(surface, { key: "Escape" });
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it("hides the selected node's tooltip when 0 fits all or + zooms, until the selection moves", async () => {
    const titled = makeSnapshot(
      [
        { key: "CASE:a", label: { key: "PAY-101", title: "Checkout payments failing" } },
        { key: "CASE:b", hop: 1, label: { key: "LED-310", title: "Ledger writes rejected" } },
      ],
      [["CASE:a", "BLOCKS", "CASE:b"]],
    );
    const onSelect = vi.fn();
    const { rerender } = render(
      <GraphCanvas
        settled
        snapshot={titled}
        view={view({ selected: "CASE:a" })}
        onSelect={onSelect}
      />,
    );
    await liveCore(2);
    const surface = screen.getByRole("application");
    act(() => surface.focus());
    expect(screen.getByRole("tooltip")).toHaveTextContent("PAY-101");
    fireEvent.keyDown(surface, { key: "0" });
    expect(screen.queryByRole("tooltip")).toBeNull();
    fireEvent.keyDown(surface, { key: "ArrowDown" });
    expect(onSelect).toHaveBeenLastCalledWith("CASE:b");
    rerender(
      <GraphCanvas
        settled
        snapshot={titled}
        view={view({ selected: "CASE:b" })}
        onSelect={onSelect}
      />,
    );
    expect(screen.getByRole("tooltip")).toHaveTextContent("LED-310");
    fireEvent.keyDown(surface, { key: "+" });
    expect(screen.queryByRole("tooltip")).toBeNull();
  });
});
