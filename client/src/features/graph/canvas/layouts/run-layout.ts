import type { Core, LayoutOptions } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import type { ElkLayoutFn } from "./elk-runner";
import { forceOptions, loadForceLayout } from "./force-layout";
import { runLayeredLayout } from "./layered-layout";

/** Animation helps follow small graphs; on big ones it only costs frames. */
export const ANIMATE_MAX_NODES = 150;
/** A force layout runs on the main thread: past this it would freeze the page for seconds. */
export const FORCE_MAX_NODES = 1_500;
/** Past this ELK takes several seconds even in its worker; rows by hop are linear. */
export const ELK_MAX_NODES = 1_500;
const ROW_NODE_WIDTH = 170;
const ROW_HEIGHT = 110;

/**
 * Rows by hop from the root, the root on top: the layered reading (what is near the root is
 * high up) at a cost linear in the graph, for graphs too big for ELK.
 */
function rowsByHop(cy: Core, fit: boolean): LayoutOptions {
  const perRow = new Map<number, number>();
  for (const node of cy.nodes().toArray()) {
    const hop = Number(node.data("hop") ?? 0);
    perRow.set(hop, (perRow.get(hop) ?? 0) + 1);
  }
  const widest = Math.max(1, ...perRow.values());
  return {
    name: "breadthfirst",
    // Without a root in view (a collapsed box holds it), breadthfirst picks its own.
    ...(cy.nodes(".root").nonempty() ? { roots: cy.nodes(".root").map((node) => node.id()) } : {}),
    directed: false,
    grid: false,
    avoidOverlap: false,
    nodeDimensionsIncludeLabels: false,
    boundingBox: { x1: 0, y1: 0, w: widest * ROW_NODE_WIDTH, h: perRow.size * ROW_HEIGHT },
    animate: false,
    fit,
    padding: 30,
  };
}

export interface RunLayoutOptions {
  /** Fit the viewport afterwards: only on the first layout or when the user asks. */
  fit: boolean;
  signal?: AbortSignal;
  elk?: ElkLayoutFn;
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

async function runBuiltIn(cy: Core, options: LayoutOptions, leavesOnly: boolean): Promise<void> {
  // Ring layouts would place compound boxes as if they were nodes; lay out their members only.
  const eles = leavesOnly
    ? cy
        .nodes()
        .filter((node) => !node.isParent())
        .union(cy.edges())
    : cy.elements();
  const layout = eles.layout(options);
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
    await runBuiltIn(cy, concentricByHop(false, fit), true);
    return true;
  }
  // fcose starts from the current positions: rings first, so it never starts from a pile and
  // never from chance (the same data gives the same picture).
  await runBuiltIn(cy, concentricByHop(false, false), true);
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
  await runBuiltIn(cy, forceOptions(animate, fit), false);
  return true;
}

/** Runs one layout over the whole graph; resolves false when it was abandoned midway. */
export async function runLayout(
  cy: Core,
  name: LayoutName,
  { fit, signal, elk, animate: mayAnimate = true }: RunLayoutOptions,
): Promise<boolean> {
  if (cy.destroyed() || signal?.aborted) return false;
  const nodeCount = cy.nodes().length;
  const animate = mayAnimate && nodeCount <= ANIMATE_MAX_NODES;
  switch (name) {
    case "layered":
      if (nodeCount > ELK_MAX_NODES) {
        await runBuiltIn(cy, rowsByHop(cy, fit), true);
        return true;
      }
      return runLayeredLayout(cy, { fit, animate, signal, elk });
    case "force":
      return runForce(cy, nodeCount, fit, animate, signal);
    case "concentric":
      await runBuiltIn(cy, concentricByHop(animate, fit), true);
      return true;
  }
}
