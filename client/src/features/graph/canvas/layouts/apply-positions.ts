import type { Core } from "cytoscape";
import type { Point } from "./elk-graph";

export interface PresetOptions {
  fit: boolean;
  animate: boolean;
}

/** Moves nodes to computed positions with cytoscape's preset layout; resolves when done. */
export async function applyPositions(
  cy: Core,
  positions: ReadonlyMap<string, Point>,
  { fit, animate }: PresetOptions,
): Promise<void> {
  const layout = cy.nodes().layout({
    name: "preset",
    positions: Object.fromEntries(positions),
    fit,
    padding: 30,
    animate,
    animationDuration: 300,
  });
  const stopped = layout.promiseOn("layoutstop");
  layout.run();
  await stopped;
}
