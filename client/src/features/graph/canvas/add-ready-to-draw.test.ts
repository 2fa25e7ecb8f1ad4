import cytoscape, { type Core, type EdgeSingular, type ElementDefinition } from "cytoscape";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addReadyToDraw } from "./add-ready-to-draw";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { stubCanvasContext } from "./stub-canvas-context";

let restoreCanvas: () => void;
beforeAll(() => {
  restoreCanvas = stubCanvasContext();
});
afterAll(() => restoreCanvas());

const cores: Core[] = [];
afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
  document.body.replaceChildren();
});

/** A Core with cytoscape's real canvas renderer (on a stubbed 2D context), as the page has. */
function drawingCore(): Core {
  const container = document.createElement("div");
  document.body.append(container);
  const cy = cytoscape({ container, style: GRAPH_STYLESHEET, layout: { name: "preset" } });
  cores.push(cy);
  return cy;
}

/** The renderer's edge geometry pass, counted per edge id (the work a frame repeats). */
function countEdgeGeometry(cy: Core) {
  const renderer = (cy as Core & { renderer(): Record<string, unknown> }).renderer();
  const original = renderer.findEdgeControlPoints as (edges: EdgeSingular[]) => void;
  const counted = vi.fn((edges: EdgeSingular[]) => original.call(renderer, edges));
  renderer.findEdgeControlPoints = counted;
  return () => counted.mock.calls.flatMap(([edges]) => edges.map((edge) => edge.id()));
}

/** Long enough for cytoscape's render loop (requestAnimationFrame) to draw a few frames. */
const frames = () => new Promise((resolve) => setTimeout(resolve, 100));

const node = (id: string, x: number): ElementDefinition => ({
  group: "nodes",
  data: { id, label: id },
  position: { x, y: 0 },
});
const link: ElementDefinition = {
  group: "edges",
  data: { id: "a-b", source: "a", target: "b", rel: "BLOCKS" },
};

describe("addReadyToDraw", () => {
  it("computes edge geometry once: the frames after it only draw", async () => {
    const cy = drawingCore();
    addReadyToDraw(cy, [node("a", 0), node("b", 400)]);
    await frames();
    const computed = countEdgeGeometry(cy);
    addReadyToDraw(cy, [link]);
    expect(computed()).toEqual(["a-b"]);
    await frames();
    expect(computed()).toEqual(["a-b"]);
    // Drawn where the nodes are: from a's right side to b's left side.
    const box = cy.getElementById("a-b").boundingBox({ includeLabels: false });
    expect(box.x1).toBeGreaterThan(50);
    expect(box.x2).toBeLessThan(350);
  });

  it("still follows a node that moves afterwards", async () => {
    const cy = drawingCore();
    addReadyToDraw(cy, [node("a", 0), node("b", 400), link]);
    await frames();
    const computed = countEdgeGeometry(cy);
    cy.getElementById("b").position({ x: 1_000, y: 0 });
    await frames();
    expect(computed()).toContain("a-b");
    const box = cy.getElementById("a-b").boundingBox({ includeLabels: false });
    expect(box.x2).toBeGreaterThan(850);
  });

  it("returns what it added, with styles applied", () => {
    const cy = drawingCore();
    const added = addReadyToDraw(cy, [node("a", 0)]);
    expect(added.map((element) => element.id())).toEqual(["a"]);
    expect(added.first().style("shape")).toBe("rectangle");
  });
});
