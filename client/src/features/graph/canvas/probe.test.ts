import cytoscape from "cytoscape";
import { test } from "vitest";
import { stubCanvasContext } from "./stub-canvas-context";
test("probe", async () => {
  stubCanvasContext();
  const div = document.createElement("div");
  document.body.append(div);
  console.log("Worker" in globalThis, typeof DOMMatrix);
  const cy = cytoscape({ container: div, elements: [{ data: { id: "a" } }, { data: { id: "b" } }, { data: { id: "e", source: "a", target: "b" } }], style: [{ selector: "node", style: { label: "data(id)" } }] });
  const l = cy.layout({ name: "cose", animate: false });
  l.run();
  console.log(cy.nodes().length, cy.getElementById("a").position(), cy.getElementById("a").layoutDimensions({ nodeDimensionsIncludeLabels: true }));
  cy.getElementById("a").emit("tap");
  await new Promise((r) => setTimeout(r, 50));
  cy.destroy();
});
