import cytoscape, { type Core } from "cytoscape";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderedStyleFlagsOf, renderLoopOf } from "./cytoscape-internals";
import { stubCanvasContext } from "./stub-canvas-context";

// What the canvas relies on in the installed cytoscape: if an upgrade changes it, these fail
// instead of the features quietly doing nothing.

let restoreCanvas: () => void;
beforeAll(() => {
  restoreCanvas = stubCanvasContext();
});
afterAll(() => restoreCanvas());

const cores: Core[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
  vi.useRealTimers();
});

function canvasCore(): Core {
  const container = document.createElement("div");
  document.body.append(container);
  const cy = cytoscape({ container, layout: { name: "preset" } });
  cores.push(cy);
  return cy;
}

describe("cytoscape's render loop", () => {
  it("skips one frame when skipFrame is set, clears the flag, and draws on the next frame", async () => {
    const cy = canvasCore();
    const loop = renderLoopOf(cy);
    expect(loop).not.toBeNull();
    expect(typeof loop?.render).toBe("function");
    await vi.advanceTimersByTimeAsync(100);
    const original = loop?.render?.bind(loop);
    let drawn = 0;
    if (loop) {
      loop.render = () => {
        drawn += 1;
        original?.();
      };
    }
    const rendered = vi.fn();
    cy.on("render", rendered);

    cy.add({ data: { id: "a" }, position: { x: 0, y: 0 } });
    if (loop) loop.skipFrame = true;
    await vi.advanceTimersByTimeAsync(17);
    expect(drawn, "the frame asked for while skipFrame was set").toBe(0);
    expect(loop?.skipFrame).toBe(false);
    await vi.advanceTimersByTimeAsync(17);
    expect(drawn, "the next frame").toBe(1);
    expect(rendered).toHaveBeenCalledTimes(1);
  });
});

describe("cytoscape's rendered style flags", () => {
  it("marks a measured element stale, so that addReadyToDraw can mark it clean again", () => {
    const cy = canvasCore();
    const [a] = cy.add([
      { data: { id: "a" }, position: { x: 0, y: 0 } },
      { data: { id: "b" }, position: { x: 100, y: 0 } },
      { data: { id: "ab", source: "a", target: "b" } },
    ]);
    cy.elements().boundingBox();
    const flags = renderedStyleFlagsOf(a);
    expect(flags).toBeDefined();
    expect(flags?.clean).toBe(false);
    expect(flags?.cleanConnected).toBe(false);
  });
});
