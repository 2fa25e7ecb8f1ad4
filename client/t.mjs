import cytoscape from "cytoscape";

for (const style of [
  [
    {
      selector: "edge",
      style: {
        width: () => {
          throw new Error("x");
        },
      },
    },
  ],
  [
    {
      selector: "node",
      style: {
        label: () => {
          throw new Error("y");
        },
      },
    },
  ],
  [{ selector: 5, style: {} }],
]) {
  try {
    const cy = cytoscape({ headless: true, styleEnabled: true, style });
    cy.add([
      { data: { id: "a" } },
      { data: { id: "b" } },
      { data: { id: "e", source: "a", target: "b" } },
    ]);
    cy.elements().boundingBox();
    console.log("no throw");
  } catch (e) {
    console.log("threw", e.message);
  }
}
