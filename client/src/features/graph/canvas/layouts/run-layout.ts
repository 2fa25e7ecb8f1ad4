import type { Core, LayoutOptions } from "cytoscape";
import type { LayoutName } from "../../../../lib/layout-names";
import type { ElkLayoutFn } from "./elk-runner";
import { runLayeredLayout } from "./layered-layout";

/** Animation helps follow small graphs; on big ones it only costs frames. */
export const ANIMATE_MAX_NODES = 150;
/** cose is quadratic per iteration: past this it would freeze the page for seconds. */
export const FORCE_MAX_NODES = 1_500;

export interface RunLayoutOptions {
  /** Fit the viewport afterwards: only on the first layout or when the user asks. */
  fit: boolean;
  signal?: AbortSignal;
  elk?: ElkLayoutFn;
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
  const eles = leavesOnly ? cy.nodes().filter((node) => !node.isParent()) : cy.elements();
  const layout = eles.layout(options);
  const stopped = layout.promiseOn("layoutstop");
  layout.run();
  await stopped;
}

/** Runs one layout over the whole graph; resolves false when it was abandoned midway. */
export async function runLayout(
  cy: Core,
  name: LayoutName,
  { fit, signal, elk }: RunLayoutOptions,
): Promise<boolean> {
  if (cy.destroyed() || signal?.aborted) return false;
  const nodeCount = cy.nodes().length;
  const animate = nodeCount <= ANIMATE_MAX_NODES;
  switch (name) {
    case "layered":
      return runLayeredLayout(cy, { fit, animate, signal, elk });
    case "force":
      if (nodeCount > FORCE_MAX_NODES) {
        // Too big for cose on the main thread: rings by hop are linear and still readable.
        await runBuiltIn(cy, concentricByHop(false, fit), true);
        return true;
      }
      await runBuiltIn(
        cy,
        {
          name: "cose",
          randomize: false,
          animate,
          animationDuration: 300,
          nodeDimensionsIncludeLabels: true,
          fit,
          padding: 30,
        },
        false,
      );
      return true;
    case "concentric":
      await runBuiltIn(cy, concentricByHop(animate, fit), true);
      return true;
  }
}
