import type { Core, LayoutOptions } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import { forceOptions, loadForceLayout } from "./force-layout";

/** Animation helps follow small graphs; on big ones it only costs frames. */
export const ANIMATE_MAX_NODES = 150;
/**
 * Past this the force view is rings by hop alone: fcose runs in a worker, so the page stays
 * free, but its time grows faster than the graph (about 0.25 s at 300 nodes, 1.1 s at 1,000
 * and 2.4 s at 1,500 here, `pnpm bench -- layout`), and the picture waits for it.
 */
export const FORCE_MAX_NODES = 1_500;
export interface RunLayoutOptions {
  /** Fit the viewport afterwards: only on the first layout or when the user asks. */
  fit: boolean;
  signal?: AbortSignal;
  /** Animate on small graphs (the default); off when laying out away from the screen. */
  animate?: boolean;
}

function concentricByHop(animate: boolean, fit: boolean): LayoutOptions {
  return {
    name: "concentric",
    // Higher value = nearer the centre, so the root (hop 0) sits in the middle.
    concentric: (node) => 1_000 - Number(node.data("hop") ?? 0),
    levelWidth: () => 1,
    minNodeSpacing: 30,
    avoidOverlap: true,
    nodeDimensionsIncludeLabels: true,
    animate,
    animationDuration: 300,
    fit,
    padding: 30,
  };
}

async function runBuiltIn(cy: Core, options: LayoutOptions): Promise<void> {
  const layout = cy.layout(options);
  const stopped = layout.promiseOn("layoutstop");
  layout.run();
  await stopped;
}

/** fcose over rings by hop, or the rings alone for graphs too big or when fcose cannot load. */
async function runForce(
  cy: Core,
  nodeCount: number,
  fit: boolean,
  animate: boolean,
  signal?: AbortSignal,
): Promise<boolean> {
  if (nodeCount > FORCE_MAX_NODES) {
    // Too big for a force layout on the main thread: rings by hop are linear and readable.
    await runBuiltIn(cy, concentricByHop(false, fit));
    return true;
  }
  // fcose starts from the current positions: rings first, so it never starts from a pile and
  // never from chance (the same data gives the same picture).
  await runBuiltIn(cy, concentricByHop(false, false));
  const loaded = await loadForceLayout().then(
    () => true,
    () => false,
  );
  if (cy.destroyed() || signal?.aborted) return false;
  if (!loaded) {
    // Its code could not be loaded (offline, a new deploy): the rings stay, framed.
    if (fit) cy.fit(undefined, 30);
    return true;
  }
  await runBuiltIn(cy, forceOptions(animate, fit));
  return true;
}

/** The layouts that run in a (headless) cytoscape; the layered one has its own worker. */
export type CoreLayoutName = Exclude<LayoutName, "layered">;

/** Runs one layout over the whole graph; resolves false when it was abandoned midway. */
export async function runLayout(
  cy: Core,
  name: CoreLayoutName,
  { fit, signal, animate: mayAnimate = true }: RunLayoutOptions,
): Promise<boolean> {
  if (cy.destroyed() || signal?.aborted) return false;
  const nodeCount = cy.nodes().length;
  const animate = mayAnimate && nodeCount <= ANIMATE_MAX_NODES;
  switch (name) {
    case "force":
      return runForce(cy, nodeCount, fit, animate, signal);
    case "concentric":
      await runBuiltIn(cy, concentricByHop(animate, fit));
      return true;
  }
}
