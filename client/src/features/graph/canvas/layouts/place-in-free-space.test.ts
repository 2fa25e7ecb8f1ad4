import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { placeInFreeSpace } from "./place-in-free-space";

function graph() {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: "node", style: { width: 150, height: 58, shape: "rectangle" } }],
  });
  // A row of three boxes and one above the middle: the spots right beside "b" are taken.
  cy.add([
    { group: "nodes", data: { id: "a" }, position: { x: 0, y: 0 } },
    { group: "nodes", data: { id: "b" }, position: { x: 180, y: 0 } },
    { group: "nodes", data: { id: "c" }, position: { x: 360, y: 0 } },
    { group: "nodes", data: { id: "d" }, position: { x: 180, y: -90 } },
  ]);
  return cy;
}

const box = (cy: cytoscape.Core, id: string) =>
  cy.getElementById(id).boundingBox({ includeLabels: false });

describe("placeInFreeSpace", () => {
  it("puts a new node beside its neighbour without overlapping anything or moving others", () => {
    const cy = graph();
    const before = cy.nodes().map((node) => ({ id: node.id(), ...node.position() }));
    cy.add([
      { group: "nodes", data: { id: "new" } },
      { group: "edges", data: { id: "e", source: "new", target: "b" } },
    ]);
    placeInFreeSpace(cy, ["new"]);

    expect(before.map(({ id }) => ({ id, ...cy.getElementById(id).position() }))).toEqual(before);
    const placed = box(cy, "new");
    for (const other of ["a", "b", "c", "d"]) {
      const o = box(cy, other);
      const apart =
        placed.x2 <= o.x1 || o.x2 <= placed.x1 || placed.y2 <= o.y1 || o.y2 <= placed.y1;
      expect(apart, `new overlaps ${other}`).toBe(true);
    }
    const anchor = cy.getElementById("b").position();
    const { x, y } = cy.getElementById("new").position();
    expect(Math.hypot(x - anchor.x, y - anchor.y)).toBeLessThan(400);
  });
});
