import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addReadyToDraw } from "./add-ready-to-draw";
import { spyOnEdgeGeometry } from "./edge-geometry-spy";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { stubCanvasContext } from "./stub-canvas-context";

let restoreCanvas: () => void;
beforeAll(() => {
  restoreCanvas = stubCanvasContext();
});
afterAll(() => restoreCanvas());

const cores: Core[] = [];
const spies: { restore(): void }[] = [];
afterEach(() => {
  for (const spy of spies.splice(0)) spy.restore();
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

/** The next frame cytoscape draws (its calculations for the frame run just before). */
/** Edge geometry computed from now on, per edge id. */
function countEdgeGeometry(): () => string[] {
  const spy = spyOnEdgeGeometry();
  spies.push(spy);
  return spy.computed;
}

const nextFrame = (cy: Core) => new Promise<void>((resolve) => cy.one("render", () => resolve()));

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
  it("computes a link's geometry once when it comes with its nodes", async () => {
    const cy = drawingCore();
    const computed = countEdgeGeometry();
    addReadyToDraw(cy, [node("a", 0), node("b", 400), link]);
    expect(computed()).toEqual(["a-b"]);
    await nextFrame(cy);
    expect(computed()).toEqual(["a-b"]);
  });

  it("computes a link's geometry once when its nodes are already drawn", async () => {
    const cy = drawingCore();
    addReadyToDraw(cy, [node("a", 0), node("b", 400)]);
    await nextFrame(cy);
    const computed = countEdgeGeometry();
    addReadyToDraw(cy, [link]);
    await nextFrame(cy);
    expect(computed()).toEqual(["a-b"]);
  });

  it("still follows a node that moves afterwards", async () => {
    const cy = drawingCore();
    addReadyToDraw(cy, [node("a", 0), node("b", 400), link]);
    await nextFrame(cy);
    const computed = countEdgeGeometry();
    cy.getElementById("b").position({ x: 1_000, y: 0 });
    await nextFrame(cy);
    expect(computed()).toEqual(["a-b"]);
    const box = cy.getElementById("a-b").boundingBox({ includeLabels: false });
    expect(box.x2).toBeGreaterThan(850);
  });
});
