import cytoscape, { type Core } from "cytoscape";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GRAPH_STYLESHEET } from "./graph-styles";
import { LARGE_GRAPH_STYLES } from "./large-graph-styles";
import { followLongEdges, LONG_EDGE_CLASS, LONG_EDGE_PX } from "./long-edges";

/** The marks of moved nodes' edges are made once the moving code is done (a microtask). */
const afterTask = () => Promise.resolve();

const cores: Core[] = [];
afterEach(() => {
  for (const cy of cores.splice(0)) cy.destroy();
});

function core(): Core {
  // The stylesheet the canvas draws a large graph with.
  const style = [...GRAPH_STYLESHEET, ...LARGE_GRAPH_STYLES];
  const cy = cytoscape({ headless: true, styleEnabled: true, style });
  cores.push(cy);
  return cy;
}

const nodes = (farX: number) => [
  { group: "nodes" as const, data: { id: "a" }, position: { x: 0, y: 0 } },
  { group: "nodes" as const, data: { id: "b" }, position: { x: farX, y: 0 } },
];
const edge = (rel: string) => ({
  group: "edges" as const,
  data: { id: "a-b", source: "a", target: "b", rel },
});

describe("followLongEdges", () => {
  it("marks an edge longer than the opening view from the moment it is added", () => {
    const cy = core();
    followLongEdges(cy);
    cy.add([
      ...nodes(LONG_EDGE_PX + 100),
      { group: "nodes", data: { id: "c" }, position: { x: 0, y: 200 } },
      edge("CAUSES"),
      { group: "edges", data: { id: "a-c", source: "a", target: "c", rel: "CAUSES" } },
    ]);
    const long = cy.getElementById("a-b");
    const short = cy.getElementById("a-c");
    expect(long.hasClass(LONG_EDGE_CLASS)).toBe(true);
    expect(short.hasClass(LONG_EDGE_CLASS)).toBe(false);
    // Both dashed; the long one with fewer, longer dashes.
    const period = (element: typeof long) =>
      String(element.style("line-dash-pattern"))
        .split(" ")
        .reduce((sum, part) => sum + Number(part), 0);
    expect(long.style("line-style")).toBe("dashed");
    expect(period(long)).toBeGreaterThan(3 * period(short));
  });

  it("leaves a short edge alone, and follows its nodes when they move", async () => {
    const cy = core();
    followLongEdges(cy);
    cy.add([...nodes(300), edge("DUPLICATES")]);
    const link = cy.getElementById("a-b");
    expect(link.hasClass(LONG_EDGE_CLASS)).toBe(false);
    expect(link.style("line-style")).toBe("dotted");

    cy.getElementById("b").position({ x: 0, y: LONG_EDGE_PX * 2 });
    await afterTask();
    expect(link.hasClass(LONG_EDGE_CLASS)).toBe(true);
    // Dots stay dots (round caps), only spaced wider.
    expect(link.style("line-style")).toBe("dashed");
    expect(link.style("line-cap")).toBe("round");

    cy.getElementById("b").position({ x: 200, y: 0 });
    await afterTask();
    expect(link.hasClass(LONG_EDGE_CLASS)).toBe(false);
  });

  it("marks from where moved nodes end up, once the moving is done", async () => {
    const cy = core();
    followLongEdges(cy);
    cy.add([...nodes(300), edge("CAUSES")]);
    const link = cy.getElementById("a-b");
    const toggle = vi.spyOn(link, "toggleClass");
    cy.batch(() => {
      cy.getElementById("b").position({ x: LONG_EDGE_PX * 3, y: 0 });
      cy.getElementById("a").position({ x: LONG_EDGE_PX * 3 - 100, y: 0 });
    });
    await afterTask();
    expect(link.hasClass(LONG_EDGE_CLASS)).toBe(false);
    expect(toggle).not.toHaveBeenCalled();
  });

  it("marks edges already there, and stops following once cleaned up", async () => {
    const cy = core();
    cy.add([...nodes(LONG_EDGE_PX * 3), edge("BLOCKS")]);
    const stop = followLongEdges(cy);
    expect(cy.getElementById("a-b").hasClass(LONG_EDGE_CLASS)).toBe(true);
    stop();
    cy.getElementById("b").position({ x: 10, y: 0 });
    await afterTask();
    expect(cy.getElementById("a-b").hasClass(LONG_EDGE_CLASS)).toBe(true);
  });
});
