import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderedStyleFlagsOf, renderLoopOf, styleAddedOnce } from "./cytoscape-internals";
import { GRAPH_STYLESHEET } from "./graph-styles";
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

function canvasCore(style?: typeof GRAPH_STYLESHEET): Core {
  const container = document.createElement("div");
  document.body.append(container);
  const cy = cytoscape({ container, layout: { name: "preset" }, ...(style ? { style } : {}) });
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

/** A small graph with what the styles distinguish: kinds, tones, priorities, classes, links. */
const GRAPH: ElementDefinition[] = [
  {
    data: { id: "r", label: "root", kind: "case", tone: "open", rank: 1 },
    classes: "root",
    position: { x: 0, y: 0 },
  },
  {
    data: { id: "i", label: "an incident", kind: "incident", tone: "closed" },
    classes: "closed",
    position: { x: 300, y: 0 },
  },
  {
    data: { id: "p", label: "a page", kind: "page" },
    classes: "pending",
    position: { x: 0, y: 200 },
  },
  { data: { id: "ri", source: "r", target: "i", rel: "BLOCKS" } },
  { data: { id: "ir", source: "i", target: "r", rel: "CAUSES" } },
  { data: { id: "rp", source: "r", target: "p", rel: "RELATES_TO" } },
];

/** The methods of cytoscape's Style that styleAddedOnce works with, to spy on. */
type StyleMethods = { checkTriggers(...args: unknown[]): void; apply(...args: unknown[]): unknown };
const styleProto = (cy: Core) => Object.getPrototypeOf(cy.style()) as StyleMethods;

function addMeasured(cy: Core, definitions: ElementDefinition[], once: boolean) {
  const added = cy.add(structuredClone(definitions));
  if (once) styleAddedOnce(cy, added);
  added.boundingBox();
  return added;
}

describe("styleAddedOnce", () => {
  it("styles new elements with no per-property triggers, leaving what reading the styles leaves", () => {
    const usual = canvasCore(GRAPH_STYLESHEET);
    const once = canvasCore(GRAPH_STYLESHEET);
    const triggers = vi.spyOn(styleProto(usual), "checkTriggers");
    addMeasured(usual, GRAPH, false);
    const usualCalls = triggers.mock.calls.length;
    expect(usualCalls, "cytoscape runs its triggers per property").toBeGreaterThan(GRAPH.length);
    addMeasured(once, GRAPH, true);
    expect(triggers.mock.calls.length - usualCalls).toBe(0);
    expect(Object.hasOwn(once.style(), "checkTriggers"), "the Style's own method is back").toBe(
      false,
    );
    triggers.mockRestore();

    for (const element of usual.elements()) {
      const twin = once.getElementById(element.id());
      expect(twin.style(), element.id()).toEqual(element.style());
      expect(twin.boundingBox(), element.id()).toEqual(element.boundingBox());
    }
  });

  it("marks an older parallel link's bounds stale, so that it bends aside for the new one", () => {
    const later = canvasCore(GRAPH_STYLESHEET);
    addMeasured(later, GRAPH.slice(0, 4), true);
    const alone = later.getElementById("ri").boundingBox();
    addMeasured(later, [{ data: { id: "ri2", source: "r", target: "i", rel: "BLOCKS" } }], true);
    const together = canvasCore(GRAPH_STYLESHEET);
    addMeasured(
      together,
      [...GRAPH.slice(0, 4), { data: { id: "ri2", source: "r", target: "i", rel: "BLOCKS" } }],
      false,
    );
    const bent = together.getElementById("ri").boundingBox();
    expect(bent, "a second link between the same nodes bends the first").not.toEqual(alone);
    expect(later.getElementById("ri").boundingBox()).toEqual(bent);
  });

  it("leaves a batching Core's elements to be styled when the batch ends", () => {
    const cy = canvasCore(GRAPH_STYLESHEET);
    const apply = vi.spyOn(styleProto(cy), "apply");
    cy.startBatch();
    const added = cy.add(structuredClone(GRAPH));
    styleAddedOnce(cy, added);
    expect(apply, "nothing styled inside the batch").not.toHaveBeenCalled();
    cy.endBatch();
    apply.mockRestore();
    const twin = canvasCore(GRAPH_STYLESHEET);
    addMeasured(twin, GRAPH, false);
    expect(cy.getElementById("r").boundingBox()).toEqual(twin.getElementById("r").boundingBox());
  });
});
