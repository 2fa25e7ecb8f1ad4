import cytoscape from "cytoscape";

type EdgeGeometryPass = (this: unknown, edges: { id(): string }[]) => void;

/**
 * Test support: counts the canvas renderer's edge geometry pass (`findEdgeControlPoints`, the
 * work a frame repeats when it thinks an edge stale), per edge id, for every Core from now on.
 * It wraps the method on the prototype all renderers share, so a Core the code under test
 * creates later is counted too. Needs a 2D context (stubCanvasContext in jsdom).
 */
export function spyOnEdgeGeometry(): { computed(): string[]; restore(): void } {
  const probe = cytoscape({ container: document.createElement("div"), layout: { name: "preset" } });
  let owner = Object.getPrototypeOf((probe as unknown as { renderer(): object }).renderer());
  while (owner && !Object.hasOwn(owner, "findEdgeControlPoints")) {
    owner = Object.getPrototypeOf(owner);
  }
  probe.destroy();
  if (!owner) throw new Error("cytoscape's renderer has no findEdgeControlPoints");
  const original = owner.findEdgeControlPoints as EdgeGeometryPass;
  const ids: string[] = [];
  owner.findEdgeControlPoints = function counted(this: unknown, edges: { id(): string }[]) {
    for (const edge of edges) ids.push(edge.id());
    return original.call(this, edges);
  };
  return {
    computed: () => [...ids],
    restore: () => {
      owner.findEdgeControlPoints = original;
    },
  };
}
