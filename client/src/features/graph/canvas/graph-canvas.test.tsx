import { act, render, screen, waitFor } from "@testing-library/react";
import type { Core } from "cytoscape";
import { StrictMode } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CanvasApi, CanvasView } from "./canvas-types";
import { GraphCanvas } from "./graph-canvas";
import { runLayout } from "./layouts/run-layout";
import { makeSnapshot } from "./snapshot-fixture";
import { stubCanvasContext } from "./stub-canvas-context";

// The real layout runs (ELK on the main thread: jsdom has no Worker); we only watch the calls.
vi.mock("./layouts/run-layout", async (importOriginal) => {
  const original = await importOriginal<typeof import("./layouts/run-layout")>();
  return { ...original, runLayout: vi.fn(original.runLayout) };
});

const layoutSpy = vi.mocked(runLayout);
/** Whether each layout call found its Core alive, in call order. */
let coreAliveAtLayout: boolean[] = [];

let restoreCanvas: () => void;
beforeAll(() => {
  restoreCanvas = stubCanvasContext();
});
afterAll(() => restoreCanvas());
beforeEach(() => {
  layoutSpy.mockClear();
  coreAliveAtLayout = [];
  layoutSpy.mockImplementation(async (cy, name, options) => {
    coreAliveAtLayout.push(!cy.destroyed());
    const original =
      await vi.importActual<typeof import("./layouts/run-layout")>("./layouts/run-layout");
    return original.runLayout(cy, name, options);
  });
});

const view = (overrides: Partial<CanvasView> = {}): CanvasView => ({
  rel: null,
  dup: "show",
  layout: "layered",
  highlighted: new Set(),
  selected: null,
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

/** Lets pending promise callbacks (the layout session finishing, queued runs) happen. */
async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** The Core the last layout ran on: the live one once layouts have settled. */
async function liveCore(layouts = 1): Promise<Core> {
  await waitFor(() => expect(layoutSpy.mock.calls.length).toBeGreaterThanOrEqual(layouts));
  const core = layoutSpy.mock.calls.at(-1)?.[0];
  if (!core) throw new Error("no layout ran");
  await waitFor(() => expect(layoutSpy.mock.results.at(-1)?.type).toBe("return"));
  await layoutSpy.mock.results.at(-1)?.value;
  await settle();
  return core;
}

describe("GraphCanvas", () => {
  it("is a named group holding the snapshot's nodes and edges", async () => {
    render(<GraphCanvas snapshot={twoCases} view={view()} onSelect={() => undefined} />);
    expect(screen.getByRole("group", { name: "Case dependency graph" })).toBeInTheDocument();
    const core = await liveCore();
    expect(core.nodes().map((node) => node.id())).toEqual(["CASE:a", "CASE:b"]);
    expect(core.edges()).toHaveLength(1);
  });

  it("trap 1: after many re-renders a tap still selects exactly once", async () => {
    const onSelect = vi.fn();
    const { rerender } = render(
      <GraphCanvas snapshot={twoCases} view={view()} onSelect={onSelect} />,
    );
    const core = await liveCore();
    for (let i = 0; i < 12; i++) {
      rerender(
        <GraphCanvas
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
    const { rerender } = render(<GraphCanvas snapshot={twoCases} view={view()} onSelect={first} />);
    const core = await liveCore();
    rerender(<GraphCanvas snapshot={twoCases} view={view()} onSelect={latest} />);
    core.getElementById("CASE:a").emit("tap");
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledWith("CASE:a");
  });

  it("trap 2: under StrictMode handlers and layouts follow the live Core", async () => {
    const onSelect = vi.fn();
    const onReady = vi.fn();
    render(
      <StrictMode>
        <GraphCanvas snapshot={twoCases} view={view()} onSelect={onSelect} onReady={onReady} />
      </StrictMode>,
    );
    const core = await liveCore();
    expect(core.destroyed()).toBe(false);
    expect(coreAliveAtLayout.every(Boolean)).toBe(true);
    expect(new Set(layoutSpy.mock.calls.map(([cy]) => cy)).size).toBe(1);
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
      <GraphCanvas snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore();
    expect(layoutSpy).toHaveBeenCalledTimes(1);
    expect(layoutSpy.mock.calls[0]?.[2]).toMatchObject({ fit: true });

    rerender(
      <GraphCanvas
        snapshot={twoCases}
        view={view({ selected: "CASE:a" })}
        onSelect={() => undefined}
      />,
    );
    rerender(
      <GraphCanvas
        snapshot={makeSnapshot(["CASE:a", "CASE:b"], [["CASE:a", "BLOCKS", "CASE:b"]])}
        view={view({ selected: "CASE:a", highlighted: new Set(["CASE:a"]) })}
        onSelect={() => undefined}
      />,
    );
    expect(core.getElementById("CASE:a").hasClass("selected")).toBe(true);
    expect(core.getElementById("CASE:b").hasClass("faded")).toBe(true);
    await settle();
    expect(layoutSpy).toHaveBeenCalledTimes(1);

    // The person pans the graph; from then on, arriving nodes must not move their viewport.
    core.emit("dragpan");
    rerender(
      <GraphCanvas
        snapshot={threeCases}
        view={view({ selected: "CASE:a" })}
        onSelect={() => undefined}
      />,
    );
    await liveCore(2);
    expect(layoutSpy).toHaveBeenCalledTimes(2);
    expect(layoutSpy.mock.calls[1]?.[2]).toMatchObject({ fit: false });
    expect(core.getElementById("CASE:c").position().y).toBeGreaterThan(
      core.getElementById("CASE:b").position().y,
    );
  });

  it("fits the growing graph after each layout until the person moves the viewport", async () => {
    const { rerender } = render(
      <GraphCanvas snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    await liveCore();
    rerender(<GraphCanvas snapshot={threeCases} view={view()} onSelect={() => undefined} />);
    await liveCore(2);
    expect(layoutSpy.mock.calls[1]?.[2]).toMatchObject({ fit: true });
  });

  it("trap 3: switching layouts re-runs the layout", async () => {
    const { rerender } = render(
      <GraphCanvas snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    await liveCore();
    rerender(
      <GraphCanvas
        snapshot={twoCases}
        view={view({ layout: "concentric" })}
        onSelect={() => undefined}
      />,
    );
    await liveCore(2);
    expect(layoutSpy.mock.calls[1]?.[1]).toBe("concentric");
  });

  it("trap 4: applies its own diff, so unchanged nodes stay the same elements in place", async () => {
    const renderSpy = vi.spyOn(CytoscapeComponent.prototype, "render");
    const { rerender } = render(
      <GraphCanvas snapshot={twoCases} view={view()} onSelect={() => undefined} />,
    );
    const core = await liveCore();
    const nodeA = core.getElementById("CASE:a");
    const placed = { ...nodeA.position() };
    rerender(
      <GraphCanvas
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
    render(<GraphCanvas snapshot={threeCases} view={view()} onSelect={() => undefined} />);
    const core = await liveCore();
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
    render(<GraphCanvas snapshot={dupes} view={view({ dup: "collapse" })} onSelect={onSelect} />);
    const core = await liveCore();
    expect(core.getElementById("CASE:c").empty()).toBe(true);
    expect(core.getElementById("CASE:b").data("duplicates")).toBe(1);
    core.getElementById("CASE:b").emit("tap");
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenLastCalledWith("CASE:b");
  });
});
