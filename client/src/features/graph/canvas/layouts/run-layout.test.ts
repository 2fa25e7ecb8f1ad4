import cytoscape, { type ElementDefinition } from "cytoscape";
import { describe, expect, it } from "vitest";
import { ELK_MAX_NODES, runLayout } from "./run-layout";

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
  it("lays a graph too big for ELK out in rows by hop, root on top, without ELK", async () => {
    const cy = cytoscape({ headless: true, elements: bigGraph(ELK_MAX_NODES + 100) });
    const elk = () => Promise.reject(new Error("ELK must not run for a graph this big"));
    expect(await runLayout(cy, "layered", { fit: false, elk })).toBe(true);
    const y = (id: string) => cy.getElementById(id).position().y;
    expect(y("n0")).toBeLessThan(y("n1"));
    expect(y("n1")).toBeLessThan(y("n41"));
    expect(y("n2")).toBe(y("n1"));
  });
});
