import cytoscape, { type ElementDefinition } from "cytoscape";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as forceLayout from "./force-layout";
import { FORCE_LOAD_DEADLINE_MS, FORCE_MAX_NODES, runLayout } from "./run-layout";

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A star of stars: the root, then `fanout` children each with `fanout` children. */
function bigGraph(size: number): ElementDefinition[] {
  const elements: ElementDefinition[] = [{ data: { id: "n0", hop: 0 }, classes: "root" }];
  for (let i = 1; i < size; i++) {
    const parent = i <= 40 ? 0 : 1 + ((i - 41) % 40);
    elements.push({ data: { id: `n${i}`, hop: parent === 0 ? 1 : 2 } });
    elements.push({ data: { id: `e${i}`, source: `n${parent}`, target: `n${i}` } });
  }
  return elements;
}

describe("runLayout", () => {
  it("lays a graph too big for fcose out in rings by hop, the root in the middle", async () => {
    const cy = cytoscape({ headless: true, elements: bigGraph(FORCE_MAX_NODES + 100) });
    await runLayout(cy, "force");
    const root = cy.getElementById("n0").position();
    const out = (id: string) => {
      const { x, y } = cy.getElementById(id).position();
      return Math.hypot(x - root.x, y - root.y);
    };
    expect(out("n1")).toBeGreaterThan(0);
    // Every hop-1 node on a ring inside every hop-2 node's.
    const hop1 = Math.max(...Array.from({ length: 40 }, (_, i) => out(`n${i + 1}`)));
    const hop2 = Math.min(...Array.from({ length: 200 }, (_, i) => out(`n${i + 41}`)));
    expect(hop1).toBeLessThan(hop2);
  });

  it("keeps the rings of the force view when fcose's code does not arrive in time", async () => {
    vi.useFakeTimers();
    // A download that stalls: the import neither resolves nor fails.
    const load = vi.spyOn(forceLayout, "loadForceLayout").mockReturnValue(new Promise(() => {}));
    const rings = cytoscape({ headless: true, elements: bigGraph(60) });
    await runLayout(rings, "concentric");
    const cy = cytoscape({ headless: true, elements: bigGraph(60) });
    let done = false;
    const laidOut = runLayout(cy, "force").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(FORCE_LOAD_DEADLINE_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await laidOut;
    expect(load).toHaveBeenCalled();
    const at = (core: cytoscape.Core) =>
      core.nodes().map((node) => [node.id(), node.position().x, node.position().y]);
    expect(at(cy)).toEqual(at(rings));
  });
});
