import type { Core, LayoutOptions } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import { forceOptions, loadForceLayout } from "./force-layout";

/**
 * Past this the force view is rings by hop alone: fcose runs in a worker, so the page stays
 * free, but its time grows faster than the graph (0.2–0.4 s at 300 nodes and 1.5–1.75 s at
 * 1,000 in `pnpm bench -- layout`, 2.4 s at 1,500 in a run of its own), and the picture waits.
 */
export const FORCE_MAX_NODES = 1_500;

/**
 * fcose's chunk that has not arrived in this long counts as not loaded, and the rings stay: a
 * stalled download would otherwise hold this layout, and every layout of the canvas after it.
 */
export const FORCE_LOAD_DEADLINE_MS = 10_000;

/** Whether fcose is registered, or false once it failed or did not arrive in time. */
function forceLoaded(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), FORCE_LOAD_DEADLINE_MS);
  });
  const loaded = loadForceLayout().then(
    () => true,
    () => false,
  );
  return Promise.race([loaded, late]).finally(() => clearTimeout(timer));
}

/** The layouts that run in a (headless) cytoscape; the layered one has its own worker. */
export type CoreLayoutName = Exclude<LayoutName, "layered">;

/** Rings by hop, the root (hop 0) in the middle. */
const RINGS_BY_HOP: LayoutOptions = {
  name: "concentric",
  // Higher value = nearer the centre.
  concentric: (node) => 1_000 - Number(node.data("hop") ?? 0),
  levelWidth: () => 1,
  minNodeSpacing: 30,
  avoidOverlap: true,
  nodeDimensionsIncludeLabels: true,
  animate: false,
  fit: false,
};

async function run(cy: Core, options: LayoutOptions): Promise<void> {
  const layout = cy.layout(options);
  const stopped = layout.promiseOn("layoutstop");
  layout.run();
  await stopped;
}

/**
 * Lays out the whole graph of a Core that draws nothing (the caller reads the positions and
 * creates the picture with them): rings by hop, and for the force view fcose from there, unless
 * the graph is too big for it or its code cannot be loaded in time (offline, a new deploy, a
 * stalled download), when the rings stay.
 */
export async function runLayout(cy: Core, name: CoreLayoutName): Promise<void> {
  // fcose starts from the current positions: rings first, so it never starts from a pile and
  // never from chance (the same data gives the same picture).
  await run(cy, RINGS_BY_HOP);
  if (name !== "force" || cy.nodes().length > FORCE_MAX_NODES) return;
  if ((await forceLoaded()) && !cy.destroyed()) await run(cy, forceOptions());
}
